// Replaced by the Electron bootstrap.
export {}
