// The version of what loading and extraction produce. Stored with every ingested plan: a plan whose
// file is unchanged but was extracted by another version is extracted again at the next ingest, so
// better rules reach plans already in the store. Bump it whenever a change alters the Plan that
// knowledge/load-plan produces for the same file (sections, sentences, obligations, ids, meta).
export const EXTRACTOR_VERSION = "2026-12-02.2";
