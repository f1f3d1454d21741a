// The DuckDB side of bench/nexmark_stateful_bench: computes the final results of one query from
// the same JSON-lines files the engine's topics were loaded from, on one thread, and prints
//   RESULT <query> <seconds> <rows> <sum_a> <sum_b>
// where seconds covers the one SQL statement (reading and parsing the JSON file(s) included),
// and the checksum is, for the windows, the number of (auction, window) rows, the sum of the
// counts and the sum of the maximum prices; for the join, the number of joined rows, the sum of
// the prices and the sum of the names' lengths.
// Usage: node run_query.mjs --query tumbling|hopping|join --bids FILE [--persons FILE]

import { DuckDBInstance } from '@duckdb/node-api';

function Argument(name) {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < process.argv.length ? process.argv[index + 1] : undefined;
}

function Quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

const query = Argument('query');
const bidsPath = Argument('bids');
const personsPath = Argument('persons');
if (!query || !bidsPath || (query === 'join' && !personsPath)) {
  console.error('usage: node run_query.mjs --query tumbling|hopping|join --bids FILE [--persons FILE]');
  process.exit(2);
}

// The declared schemas, as the engine's CREATE STREAM / CREATE TABLE declare them (no
// inference pass over the file).
const bids = `read_json(${Quote(bidsPath)}, format = 'newline_delimited', columns = {
  auction: 'BIGINT', bidder: 'BIGINT', price: 'BIGINT', channel: 'VARCHAR', url: 'VARCHAR',
  dateTime: 'BIGINT', extra: 'VARCHAR'})`;
const persons = personsPath === undefined ? '' : `read_json(${Quote(personsPath)},
  format = 'newline_delimited', columns = {
  id: 'BIGINT', name: 'VARCHAR', emailAddress: 'VARCHAR', creditCard: 'VARCHAR', city: 'VARCHAR',
  state: 'VARCHAR', dateTime: 'BIGINT', extra: 'VARCHAR'})`;

const windowChecksum = `SELECT count(*)::BIGINT, sum(bids)::BIGINT, sum(max_price)::BIGINT
  FROM windows`;

const queries = {
  // TUMBLING (SIZE 10 SECONDS): one window per bid, starting at a multiple of 10 s.
  tumbling: `WITH windows AS (
      SELECT auction, dateTime // 10000 * 10000 AS window_start, count(*) AS bids,
             max(price) AS max_price
      FROM ${bids} GROUP BY auction, window_start)
    ${windowChecksum}`,
  // HOPPING (SIZE 10 SECONDS, ADVANCE BY 2 SECONDS): Kafka Streams' windows of a time t are
  // the starts k * 2 s with start <= t < start + 10 s and start >= 0.
  hopping: `WITH assigned AS (
      SELECT auction, price,
             unnest(generate_series(greatest(0, dateTime - 10000 + 2000) // 2000 * 2000,
                                    dateTime, 2000)) AS window_start
      FROM ${bids}),
    windows AS (
      SELECT auction, window_start, count(*) AS bids, max(price) AS max_price
      FROM assigned GROUP BY auction, window_start)
    ${windowChecksum}`,
  // Stream-table INNER JOIN of the bids with the persons table on its key.
  join: `WITH joined AS (
      SELECT b.bidder, b.auction, b.price, p.name, p.state
      FROM ${bids} AS b JOIN ${persons} AS p ON b.bidder = p.id)
    SELECT count(*)::BIGINT, sum(price)::BIGINT, sum(length(name))::BIGINT FROM joined`,
};
if (!(query in queries)) {
  console.error(`unknown query: ${query}`);
  process.exit(2);
}

const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
await connection.run('SET threads = 1');
const start = process.hrtime.bigint();
const reader = await connection.runAndReadAll(queries[query]);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const [rows, sumA, sumB] = reader.getRows()[0];
console.log(`RESULT ${query} ${seconds.toFixed(6)} ${rows} ${sumA} ${sumB}`);
connection.closeSync();
