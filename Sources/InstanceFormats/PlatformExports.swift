// Atomic writes (`AtomicFile`) live in the Platform module; every module that reads and writes
// instance files gets them with `import InstanceFormats`, as before.
@_exported import Platform
