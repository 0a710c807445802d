/**
 * Where `vite preview` serves the built renderer during end-to-end runs. `RELINK_E2E_PORT` moves it
 * so that two checkouts on one machine can run their journeys side by side.
 */
export const E2E_PORT = Number(process.env.RELINK_E2E_PORT ?? 4173)
export const APP_ORIGIN = `http://127.0.0.1:${E2E_PORT}`
