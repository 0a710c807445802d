/** Where `vite preview` serves the built renderer during end-to-end runs. */
export const E2E_PORT = 4173
export const APP_ORIGIN = `http://127.0.0.1:${E2E_PORT}`
