using System.Runtime.Versioning;

// The benchmarks drive redis-server processes with POSIX signals, 0600 files and /proc: Linux only.
[assembly: SupportedOSPlatform("linux")]
