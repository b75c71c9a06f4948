// Vite's `?url` imports (the browser build resolves them to asset URLs).
declare module "*?url" {
  const url: string;
  export default url;
}
