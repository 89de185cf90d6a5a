// Reads one feed file with two independent feed readers, as an aggregator or a phone app would,
// and prints what each understood of every item as JSON:
//   {"rss-parser": [{"link", "title", "id"}, ...], "feed-extractor": [...]}
// usage: node read-feed.mjs FILE   (a JSON Feed is read by feed-extractor only)
import { readFileSync } from "node:fs";
import { extractFromJson, extractFromXml } from "@extractus/feed-extractor";
import Parser from "rss-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node read-feed.mjs FILE");
  process.exit(2);
}
const text = readFileSync(file, "utf8");
const result = {};

if (file.endsWith(".json")) {
  const feed = extractFromJson(text, { descriptionMaxLen: 0 });
  result["feed-extractor"] = feed.entries.map(({ link, title, id }) => ({ link, title, id }));
} else {
  const feed = await new Parser().parseString(text);
  result["rss-parser"] = feed.items.map((item) => ({
    link: item.link ?? null,
    title: item.title ?? null,
    id: item.guid ?? item.id ?? null,
  }));
  const extracted = extractFromXml(text, { descriptionMaxLen: 0 });
  result["feed-extractor"] = extracted.entries.map(({ link, title, id }) => ({ link, title, id }));
}
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
