#!/usr/bin/env node
// Render CSL-JSON items with citeproc-js, for citekit's differential tests and benchmarks.
//
// usage: node render.js --style FILE.csl --locales DIR --items ITEMS.json
//                       [--locale en-US] [--format text|html] [--mode bib|cite] [--locator 23 --label page]
// Prints JSON: {"entries": [{"id": ..., "text": ...}, ...]}. In bib mode the entries follow the style's
// sort order, then any item the style renders as nothing, with empty text; in cite mode there is one
// citation per item, in input order, every item registered first so that disambiguation sees all of them.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

function parseArgs(argv) {
  const options = { locale: "en-US", format: "text", mode: "bib" };
  for (let i = 0; i < argv.length; i += 2) {
    options[argv[i].replace(/^--/, "")] = argv[i + 1];
  }
  for (const required of ["style", "locales", "items"]) {
    if (!options[required]) throw new Error(`missing --${required}`);
  }
  return options;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const items = JSON.parse(fs.readFileSync(options.items, "utf8"));
  const byId = new Map(items.map((item) => [String(item.id), item]));
  const system = {
    retrieveLocale: (lang) => {
      const file = path.join(options.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => byId.get(String(id)),
  };
  const engine = new CSL.Engine(system, fs.readFileSync(options.style, "utf8"), options.locale, true);
  engine.setOutputFormat(options.format);
  const ids = items.map((item) => String(item.id));
  engine.updateItems(ids);
  let entries = [];
  if (options.mode === "bib") {
    const [params, texts] = engine.makeBibliography();
    // An item the style renders as nothing has no string in `texts`, and citeproc-js does not always
    // say which: ask for each item alone then, and report those items as empty entries.
    let ids = params.entry_ids.map((entryIds) => String(entryIds[0]));
    const empty = new Set();
    if (ids.length !== texts.length) {
      for (const id of ids) {
        const alone = engine.makeBibliography({ include: [{ field: "id", value: id }] });
        if (!alone || alone[1].length === 0) empty.add(id);
      }
      ids = ids.filter((id) => !empty.has(id));
    }
    if (ids.length !== texts.length) throw new Error("citeproc-js returned entries that cannot be matched to items");
    entries = ids.map((id, i) => ({ id, text: texts[i].trim() }));
    entries.push(...[...empty].map((id) => ({ id, text: "" })));
  } else {
    entries = ids.map((id) => {
      const cite = { id };
      if (options.locator) {
        cite.locator = options.locator;
        cite.label = options.label || "page";
      }
      return { id, text: engine.makeCitationCluster([cite]) };
    });
  }
  process.stdout.write(JSON.stringify({ entries }));
}

main();
