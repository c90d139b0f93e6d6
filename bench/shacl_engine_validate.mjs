// Validates DATA (Turtle or N-Triples) against SHAPES with shacl-engine (npm), the way a site
// owner would without guidegraph, and prints the number of results.
// Usage: node shacl_engine_validate.mjs SHAPES DATA
// NODE_PATH (or the current folder) must provide shacl-engine, n3 and @rdfjs/dataset.
import fs from 'fs';
import { Parser, DataFactory } from 'n3';
import rdf from '@rdfjs/dataset';
import { Validator } from 'shacl-engine';

const [, , shapesFile, dataFile] = process.argv;
const load = (file) => {
  const dataset = rdf.dataset();
  for (const quad of new Parser({ baseIRI: 'file://' + file }).parse(fs.readFileSync(file, 'utf8'))) {
    dataset.add(quad);
  }
  return dataset;
};
const factory = { ...DataFactory, dataset: (quads) => rdf.dataset(quads) };
const validator = new Validator(load(shapesFile), { factory });
const report = await validator.validate({ dataset: load(dataFile) });
console.log(`conforms ${report.conforms}, ${report.results.length} results`);
