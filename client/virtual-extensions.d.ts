declare module 'virtual:calos-extensions' {
  const extensions: import('./extension-api').ClientExtension[];
  export default extensions;
}
