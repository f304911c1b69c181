using System.Text.Json;

namespace ActorKeys.Actors.Telemetry;

/// <summary>
/// The health file's content and its atomic replacement: a supervisor reading it sees either the previous whole
/// file or the next, never half of one. One JSON object on one line:
/// <c>{"status":"ready","live":true,"ready":true,"time":"2026-11-25T14:31:02.123Z","pid":4242}</c>, where status is
/// <c>ready</c> (live and ready), <c>live</c> (live, not ready yet) or <c>down</c>.
/// </summary>
public static class HealthFile
{
    public static string Content(bool live, bool ready, DateTimeOffset time, int pid) => JsonSerializer.Serialize(new
    {
        status = live && ready ? "ready" : live ? "live" : "down",
        live,
        ready,
        time = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        pid,
    });

    /// <summary>Writes a temporary file beside <paramref name="path"/> (mode 0600 on Unix), then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(content);
        }
        File.Move(temporary, full, overwrite: true);
    }

    public static void Delete(string path) => File.Delete(path);
}
