/**
 * The queries the service runs, kept as named .rq files in sparql/service/ beside the examples
 * offered to users, so that a reader finds every query in one place. They may use relative IRIs,
 * such as `PREFIX citego: <ontology#>`, which resolve against the service's base IRI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export class QueryCatalogue {
  private constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** Reads every `.rq` file of a directory once, at start-up. */
  static load(dir: string): QueryCatalogue {
    const texts = new Map<string, string>();
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.rq')).sort()) {
      texts.set(name.slice(0, -3), readFileSync(join(dir, name), 'utf8'));
    }
    return new QueryCatalogue(texts);
  }

  get(name: string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`no query named "${name}" (expected a file ${name}.rq in sparql/service/)`);
    return text;
  }
}
