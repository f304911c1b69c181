using ActorKeys.Cli.Text;
using ActorKeys.Cli.Errors;

namespace ActorKeys.Cli.Commands;

/// <summary>
/// <c>--health-file</c> is checked before the server starts: its folder must exist. Later write failures are not
/// fatal (the file's time then stops advancing, which a supervisor watches for).
/// </summary>
public static class HealthFileChecks
{
    public static void Check(string? healthFile)
    {
        if (healthFile is null)
        {
            return;
        }
        var full = Path.GetFullPath(healthFile);
        if (Directory.Exists(full))
        {
            throw new CliException(ExitCode.Usage, Strings.HealthFileIsAFolder(full));
        }
        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new CliException(ExitCode.Usage, Strings.HealthFileFolderMissing(full));
        }
    }
}
