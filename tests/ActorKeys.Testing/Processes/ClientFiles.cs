namespace ActorKeys.Testing;

/// <summary>What the process tests of several server nodes give a client, and the sentences they expect of it.</summary>
public static class ClientFiles
{
    /// <summary>
    /// Writes <c>client.hocon</c> into <paramref name="folder"/>: death watch as quick as a deployment that wants failover
    /// would set it (Akka's default waits 10 s of silence), a 2 s handshake timeout and short reconnect backoffs.
    /// </summary>
    public static string WriteQuickFailover(TempFolder folder)
    {
        var path = folder.File("client.hocon");
        File.WriteAllText(path, """
            actorkeys.client {
              handshake-timeout = 2s
              reconnect { min-backoff = 100ms, max-backoff = 1s }
            }
            akka.remote.watch-failure-detector {
              heartbeat-interval = 200ms
              acceptable-heartbeat-pause = 1s
              expected-response-after = 200ms
              unreachable-nodes-reaper-interval = 200ms
            }
            """);
        return path;
    }

    /// <summary>The one sentence a client whose access key was revoked ends with (exit code 6), as a whole-line pattern.</summary>
    public static string RevokedLine(string clientId) =>
        "^" + System.Text.RegularExpressions.Regex.Escape(RevokedSentence(clientId)) + "$";

    public static string RevokedSentence(string clientId) =>
        $"The server revoked the access key of client '{clientId}'; ask its operator for a new keystore.";
}
