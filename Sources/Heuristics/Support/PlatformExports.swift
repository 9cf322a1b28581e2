// The core count (`AvailableCores`) that decides whether a second thread is worth it lives in the
// Platform module; `import Heuristics` brings it, as before.
@_exported import Platform
