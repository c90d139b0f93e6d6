// Prints shacl-engine's report in shacl-results' line format.
// Usage: node shacl_engine.mjs SHAPES DATA   (NODE_PATH or cwd must provide shacl-engine,
// n3 and @rdfjs/dataset).
import fs from 'fs';
import { Parser, DataFactory } from 'n3';
import rdf from '@rdfjs/dataset';
import { Validator } from 'shacl-engine';

const [, , shapesFile, dataFile] = process.argv;
const load = (f) => {
  const ds = rdf.dataset();
  for (const q of new Parser({ baseIRI: 'file://' + f }).parse(fs.readFileSync(f, 'utf8'))) ds.add(q);
  return ds;
};
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const term = (t) => {
  if (!t) return '-';
  if (t.termType === 'NamedNode') return '<' + t.value + '>';
  if (t.termType === 'BlankNode') return '_';
  const lex = JSON.stringify(t.value);
  if (t.language) return lex + '@' + t.language.toLowerCase();
  if (t.datatype && t.datatype.value !== XSD_STRING) return lex + '^^' + t.datatype.value;
  return lex;
};
const path = (p) => {
  if (!p) return '-';
  if (p.length === 1 && p[0].quantifier === 'one' && p[0].start === 'subject' &&
      p[0].predicates.length === 1) {
    return 'P:' + p[0].predicates[0].value;
  }
  return 'complex';
};
const local = (t) => (t ? t.value.split('#')[1] : '');

const factory = { ...DataFactory, dataset: (quads) => rdf.dataset(quads) };
const validator = new Validator(load(shapesFile), { factory });
const report = await validator.validate({ dataset: load(dataFile) });
const lines = report.results.map((r) => [term(r.focusNode?.term), path(r.path), term(r.value?.term),
  term(r.shape?.ptr?.term), local(r.constraintComponent), local(r.severity)].join(' | '));
lines.sort();
console.log('conforms ' + report.conforms);
for (const l of lines) console.log(l);
