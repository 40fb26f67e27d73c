// Starts the app: the wasm-bindgen glue fetches the wasm and runs its `main`.
import init from './yew_app.js';

await init({ module_or_path: new URL('yew_app_bg.wasm', import.meta.url) });
