using System.Globalization;

namespace ActorKeys.Bench;

/// <summary>
/// The line protocol between the bench and its client process: one request per line on the child's standard input,
/// one answer per line on its standard output (<c>ok …</c> or <c>error …</c>). Numbers are invariant-culture.
/// </summary>
public static class ClientLines
{
    public const string Ready = "ready";
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Handshakes = "handshakes";
    public const string Echo = "echo";
    public const string Jit = "jit";
    public const string Measure = "measure";
    public const string Idle = "idle";
    public const string CloseIdle = "close-idle";
    public const string Quit = "quit";

    public static string Format(PhaseResult r) => Join(Ok, r.Count, r.Seconds, r.Failures, r.Latency.P50, r.Latency.P90, r.Latency.P99, r.Latency.Samples,
        r.ServerCpuSeconds, r.ClientCpuSeconds, r.ClientAllocatedBytes);

    public static PhaseResult ParseResult(string[] f) => new(
        long.Parse(f[1], CultureInfo.InvariantCulture), D(f[2]), long.Parse(f[3], CultureInfo.InvariantCulture),
        new Percentiles(D(f[4]), D(f[5]), D(f[6]), int.Parse(f[7], CultureInfo.InvariantCulture)), D(f[8]), D(f[9]),
        ClientAllocatedBytes: long.Parse(f[10], CultureInfo.InvariantCulture));

    public static string Join(params object[] fields) =>
        string.Join(' ', fields.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture)));

    public static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    public static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
