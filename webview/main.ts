// Webview entry: the panels arrive with the plugin work; the bundle exists so the build pipeline is whole.
export {};
