using System.Globalization;

namespace ActorKeys.Bench;

/// <summary>
/// How long one process's JIT has spent compiling so far. Read in each process (the clients' answer over
/// <see cref="ClientLines"/>), so that a phase can wait until neither is still compiling (<see cref="PhaseWarmUp"/>).
/// </summary>
public readonly record struct JitActivity(TimeSpan CompileTime)
{
    public static JitActivity OfThisProcess() => new(System.Runtime.JitInfo.GetCompilationTime());

    public string Format() => CompileTime.Ticks.ToString(CultureInfo.InvariantCulture);

    public static JitActivity Parse(string ticks) => new(TimeSpan.FromTicks(long.Parse(ticks, CultureInfo.InvariantCulture)));
}
