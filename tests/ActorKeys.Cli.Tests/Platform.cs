using System.Runtime.Versioning;

// These tests check Unix file modes and stop servers with SIGTERM: they run where the CLI's key files are 0600.
[assembly: UnsupportedOSPlatform("windows")]
