import { isObject, type ContainerShape, type EventSink, type JsonObject } from "./container-shape.js";

/**
 * Elastic / OpenSearch: a search response (`hits.hits[]`), one hit (`_source`), or one document. The
 * record is the document's `event.original` text; its parsed `aws.cloudtrail.*` fields are Elastic's
 * rewriting (request parameters as a `{k=v}` string) and are never read, so each event counts once.
 * A `_source` without `event.original` goes back through the shapes (a Logstash line, a bare record).
 */
export const elastic = {
  name: "elastic",
  matches: (value) => isObject(value._source) || (isObject(value.hits) && Array.isArray(value.hits.hits)) || originalOf(value) !== undefined,
  read(value, sink) {
    if (isObject(value.hits) && Array.isArray(value.hits.hits)) {
      value.hits.hits.forEach((hit: unknown, i: number) => readDocument(isObject(hit) && isObject(hit._source) ? hit._source : hit, `hits.hits[${i}]._source`, sink));
      return;
    }
    if (isObject(value._source)) return readDocument(value._source, "_source", sink);
    readDocument(value, "", sink);
  },
} as const satisfies ContainerShape;

function readDocument(doc: unknown, where: string, sink: EventSink): void {
  if (!isObject(doc)) return sink.bad(where, "not an object");
  const original = originalOf(doc);
  if (original !== undefined) return sink.inner(original, `${where === "" ? "" : where + "."}event.original`);
  sink.inner(doc, where);
}

function originalOf(doc: JsonObject): string | undefined {
  const event = doc.event;
  return isObject(event) && typeof event.original === "string" ? event.original : undefined;
}
