using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Bench;

/// <summary>
/// The machine a run measured: cores, CPU model and memory as Linux reports them, the runtime, and how fast one core does
/// X25519 right now (<see cref="X25519PerSecond"/>).
/// </summary>
/// <param name="X25519PerSecond">
/// X25519 operations one core did per second at the start of the run. Shared cloud cores run at different speeds on
/// different days (the same machine has measured 63,000 and 27,000): figures of two runs compare only as far as this one does.
/// </param>
public sealed record MachineInfo(int Cores, string Cpu, long MemoryBytes, string Os, string Runtime, double X25519PerSecond)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", @"^model name\s*:\s*(.+)$") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.TryParse(ProcField("/proc/meminfo", @"^MemTotal:\s*(\d+) kB"), out var kb) ? kb * 1024 : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        MeasureX25519());

    public string Describe() =>
        $"{Cores} cores, {Cpu}, {MemoryBytes / (1024.0 * 1024 * 1024):0.#} GiB, {Os}, {Runtime}, {X25519PerSecond:N0} X25519/s on one core";

    /// <summary>The fastest of five rounds of 500 (about 0.1 s in all): the least disturbed by neighbours.</summary>
    private static double MeasureX25519()
    {
        var privateKey = new byte[32];
        privateKey[0] = 1;
        var publicKey = Primitives.X25519Public(privateKey);
        return 1e6 / FastestRound.MicrosecondsPerCall(500, () => Primitives.X25519(privateKey, publicKey));
    }

    private static string? ProcField(string file, string pattern)
    {
        try
        {
            var match = Regex.Match(File.ReadAllText(file), pattern, RegexOptions.Multiline);
            return match.Success ? match.Groups[1].Value.Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
