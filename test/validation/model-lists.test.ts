/**
 * Three lists of the shapes are written by hand so that any SHACL engine reading the file gets
 * them, and must follow the ontology and the other shapes: the properties whose users must be
 * of a checked kind (shape:Resource), the classes that count as checked kinds, and the classes
 * of the model (shape:Type-defined). These tests say what to add when they fall behind.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { citegoNamespaces } from '../../src/rdf/namespaces.js';
import type { ValidationRules } from '../../src/validation/gate.js';
import type { NodeShape, ValueConstraint } from '../../src/validation/shapes-model.js';
import { BASE, projectRules } from '../helpers.js';
import { RDF_TYPE, RDFS } from './quad-edits.js';

const SHAPE = citegoNamespaces(BASE).shape;
const OWL_CLASS = 'http://www.w3.org/2002/07/owl#Class';
const RDFS_CLASS = `${RDFS}Class`;

let rules: ValidationRules;
let resource: NodeShape;
/** The shapes written for kinds of things and their properties: all but the generic ones. */
let specific: NodeShape[];

beforeAll(async () => {
  rules = await projectRules();
  resource = rules.shapes.nodeShapes.find((s) => s.id === `${SHAPE}Resource`)!;
  specific = rules.shapes.nodeShapes.filter((s) => s !== resource && s.id !== `${SHAPE}Type`);
});

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();
const classesIn = (constraints: readonly ValueConstraint[]): string[] => constraints.flatMap((c) => {
  if (c.kind === 'class') return [c.classIri];
  if (c.kind === 'or' || c.kind === 'and' || c.kind === 'xone') return c.shapes.flatMap((s) => classesIn(s.constraints));
  if (c.kind === 'not' || c.kind === 'node') return classesIn(c.shape.constraints);
  return [];
});

describe('the lists of the shapes', () => {
  it('shape:Resource targets the users of every property a shape constrains', () => {
    const governed = rules.shapes.nodeShapes.flatMap((s) => s.properties.map((p) => p.path)).filter((p) => p !== RDF_TYPE);
    expect(sorted(resource.targetSubjectsOf)).toEqual(sorted(governed));
  });

  it('shape:Resource accepts as checked kinds exactly the classes the other shapes target', () => {
    expect(sorted(classesIn(resource.valueConstraints))).toEqual(sorted(specific.flatMap((s) => s.targetClasses)));
  });

  it('shape:Type-defined lists the classes of the model: the ontology\'s, those it names, the types of its own terms, and those the shapes use', () => {
    const inList = rules.shapes.propertyShapes.get(`${SHAPE}Type-defined`)!.valueConstraints.find((c) => c.kind === 'in');
    const listed = inList?.kind === 'in' ? [...inList.keys] : [];
    const fromOntology = rules.ontologyQuads.flatMap((q) => {
      if (q.predicate.value === `${RDFS}subClassOf`) return [q.subject.value, q.object.value];
      if (q.predicate.value !== RDF_TYPE) return [];
      return [OWL_CLASS, RDFS_CLASS].includes(q.object.value) ? [q.object.value, q.subject.value] : [q.object.value];
    });
    const fromShapes = specific.flatMap((s) => [...s.targetClasses, ...classesIn(s.valueConstraints), ...s.properties.flatMap((p) => classesIn(p.valueConstraints))]);
    const fromGeneric = resource.properties.flatMap((p) => classesIn(p.valueConstraints));
    expect(sorted(listed)).toEqual(sorted([...fromOntology, ...fromShapes, ...fromGeneric]));
  });
});
