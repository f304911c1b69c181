using System.Globalization;

namespace ActorKeys.Bench;

/// <summary>
/// How much one process's JIT has compiled so far: methods, and the time spent compiling them. Read in each process (the
/// clients' answer it over <see cref="ClientLines"/>), so that a phase can wait until neither is still compiling.
/// </summary>
public readonly record struct JitActivity(long Methods, TimeSpan CompileTime)
{
    public static JitActivity OfThisProcess() =>
        new(System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());

    public string Format() => string.Join(' ', Methods.ToString(CultureInfo.InvariantCulture), CompileTime.Ticks.ToString(CultureInfo.InvariantCulture));

    public static JitActivity Parse(string methods, string ticks) =>
        new(long.Parse(methods, CultureInfo.InvariantCulture), TimeSpan.FromTicks(long.Parse(ticks, CultureInfo.InvariantCulture)));
}
