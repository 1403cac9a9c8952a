// What the runtime uses from the page that no standard library declares.
interface Window {
  // Material for MkDocs' observable of the page, which emits on each instant navigation.
  document$?: { subscribe(next: () => void): unknown }
}
