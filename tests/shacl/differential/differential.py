#!/usr/bin/env python3
"""Compares this engine with shacl-engine (npm) on random small data graphs.

Every data graph is generated from a seed, validated against differential/shapes.ttl (one
property shape per Core component) by both engines, and the normalised reports compared.
A few differences are expected because this engine follows the SHACL/SPARQL definitions
where shacl-engine 1.1 is more lenient; they are listed in KNOWN and do not fail the run:
  - sh:pattern on a blank node is a violation (SHACL 4.4.1);
  - comparisons (sh:minInclusive ..., sh:lessThan ...) of an ill-formed literal, of a date
    with a date-time, or of a string with a language-tagged string are violations, since
    SPARQL's < raises a type error there.

Usage: differential.py --results BIN --engine-dir DIR [--seeds N]
(DIR holds node_modules with shacl-engine, n3 and @rdfjs/dataset.)
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
NODES = [f'ex:n{i}' for i in range(5)]
BLANKS = ['_:b1', '_:b2']
LITERALS = ['1', '5', '10', '-3', '2.5', '"2"^^xsd:decimal', '"1e1"^^xsd:double', '"a"', '"abc"',
            '"Zebra"', '"x"@en', '"y"@en-GB', '"z"@de', '"w"@EN', '"q"@de-CH',
            '"2020-01-01"^^xsd:date', '"2021-01-01"^^xsd:date',
            '"2020-05-01T10:00:00Z"^^xsd:dateTime', '"2020-05-01T10:00:00"^^xsd:dateTime',
            'true', '"1x"^^xsd:integer', '"300"^^xsd:byte', '"12"^^xsd:byte', '"NaN"^^xsd:double',
            '""', '"a\\nb"']
PREDICATES = ['ex:p', 'ex:q', 'ex:r', 'ex:s', 'ex:t']
COMPARISONS = ('MinExclusive', 'MinInclusive', 'MaxExclusive', 'MaxInclusive', 'LessThan',
               'LessThanOrEquals')


def generate(seed):
    r = random.Random(seed)
    out = ['@prefix ex: <http://example.org/> .',
           '@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .',
           '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .',
           'ex:E rdfs:subClassOf ex:C .']
    for _ in range(r.randint(3, 25)):
        s = r.choice(NODES + BLANKS)
        p = r.choice(PREDICATES + ['a'])
        o = r.choice(['ex:C', 'ex:D', 'ex:E']) if p == 'a' else r.choice(NODES + BLANKS + LITERALS * 2)
        out.append(f'{s} {p} {o} .')
    return '\n'.join(out) + '\n'


def known(line):
    """A result only this engine reports, for one of the reasons in the module doc."""
    focus, path, value, shape, component, severity = line.split(' | ')
    if component == 'PatternConstraintComponent' and value == '_':
        return True
    return component.replace('ConstraintComponent', '') in COMPARISONS


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--results', required=True)
    ap.add_argument('--engine-dir', required=True)
    ap.add_argument('--seeds', type=int, default=80)
    args = ap.parse_args()
    shapes = os.path.join(HERE, 'shapes.ttl')
    script = os.path.join(HERE, 'shacl_engine.mjs')
    env = dict(os.environ, NODE_PATH=os.path.join(args.engine_dir, 'node_modules'))
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, 'data.ttl')
        # ES modules ignore NODE_PATH: run the script from a copy inside the engine folder.
        runner = os.path.join(args.engine_dir, '.guidegraph-shacl-engine.mjs')
        with open(script) as src, open(runner, 'w') as dst:
            dst.write(src.read())
        try:
            for seed in range(args.seeds):
                with open(data, 'w') as f:
                    f.write(generate(seed))
                mine = subprocess.run([args.results, shapes, data], capture_output=True, text=True)
                ref = subprocess.run(['node', runner, shapes, data], capture_output=True, text=True,
                                     env=env)
                if mine.returncode != 0 or ref.returncode != 0:
                    print(f'seed {seed}: an engine failed:\n{mine.stderr}{ref.stderr}')
                    failures += 1
                    continue
                a = mine.stdout.splitlines()[1:]
                b = ref.stdout.splitlines()[1:]
                only_mine = [l for l in a if l not in b or a.count(l) > b.count(l)]
                only_ref = [l for l in b if l not in a or b.count(l) > a.count(l)]
                unexplained = [l for l in only_mine if not known(l)]
                if unexplained or only_ref:
                    failures += 1
                    print(f'seed {seed}:')
                    for l in unexplained:
                        print('  only guidegraph:   ', l)
                    for l in only_ref:
                        print('  only shacl-engine: ', l)
        finally:
            os.remove(runner)
    print(f'{args.seeds - failures} agreed, {failures} differed')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
