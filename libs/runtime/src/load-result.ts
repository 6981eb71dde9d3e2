/** What loading one backend came to: its own file, so loaders (wasm/init.ts) need not import backend.ts. */
export type BackendLoadResult = { ok: true; detail?: string } | { ok: false; reason: string };
