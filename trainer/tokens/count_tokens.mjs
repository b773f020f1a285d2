// Counts the tokens of every corpus row with real tokenizers, for calibrating and checking kroute's estimates.
//
//   npm install --prefix DIR @anthropic-ai/tokenizer@0.0.4 llama3-tokenizer-js@1.2.0 llama-tokenizer-js@1.2.2 \
//       mistral-tokenizer-js@1.0.0 gpt-tokenizer@4.0.0
//   node trainer/tokens/count_tokens.mjs DIR/node_modules < corpus.jsonl > token-counts.jsonl
//
// Counts exclude begin/end-of-sequence markers; SentencePiece families keep their leading-space piece, as the
// model sees it.
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import path from 'node:path';

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node count_tokens.mjs NODE_MODULES_DIR < corpus.jsonl');
  process.exit(2);
}
const load = (name, file) => import(pathToFileURL(path.join(modules, name, file)).href);
const require = createRequire(path.join(modules, 'x.js'));

const llama3 = (await load('llama3-tokenizer-js', 'bundle/llama3-tokenizer-with-baked-data.js')).default;
const llama2 = (await load('llama-tokenizer-js', 'llama-tokenizer.js')).default;
const mistral = (await load('mistral-tokenizer-js', 'mistral-tokenizer.js')).default;
const claude = require('@anthropic-ai/tokenizer');
const cl100k = require('gpt-tokenizer/cjs/encoding/cl100k_base');
const o200k = require('gpt-tokenizer/cjs/encoding/o200k_base');

const counters = {
  cl100k_base: (t) => cl100k.encode(t).length,
  o200k_base: (t) => o200k.encode(t).length,
  llama3: (t) => llama3.encode(t, { bos: false, eos: false }).length,
  llama2: (t) => llama2.encode(t, false, true).length,
  mistral: (t) => mistral.encode(t, false, true).length,
  claude: (t) => claude.countTokens(t),
};

for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  const tokens = {};
  for (const [family, count] of Object.entries(counters)) tokens[family] = count(row.text);
  process.stdout.write(JSON.stringify({ ...row, tokens }) + '\n');
}
