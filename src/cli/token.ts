/**
 * `npm run token -- NAME`: makes a curator's token. It prints the token, to give to the curator
 * once, and the line to add to CURATOR_TOKENS (or ADMIN_TOKENS), which holds only its hash.
 */
import { randomBytes } from 'node:crypto';
import { tokenHash } from '../features/curation/auth.js';

const name = process.argv[2];
if (!name || !/^[A-Za-z0-9._-]+$/.test(name) || process.argv.length > 3) {
  process.stderr.write('usage: npm run token -- NAME   (letters, digits, ".", "_" and "-")\n');
  process.exit(2);
}
const token = randomBytes(32).toString('base64url');
process.stdout.write(`token for ${name} (give it to them once; it is not kept):\n  ${token}\n`);
process.stdout.write(`add to CURATOR_TOKENS (or ADMIN_TOKENS for an administrator), separated by commas:\n  ${name}=sha256:${tokenHash(token)}\n`);
