using System.Globalization;
using ActorKeys.Protocol;

namespace ActorKeys.Bench;

/// <summary>Parses <c>--payload 64,1024,16384</c>: payload sizes in bytes that fit one record.</summary>
public static class PayloadList
{
    /// <summary>The largest body a record carries with the default <c>max-message-bytes</c> (less the kind byte).</summary>
    public const int MaxPayload = Ak1.DefaultMaxMessageBytes - 1;

    public static bool TryParse(string text, out int[] payloads)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        payloads = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out payloads[i]) || payloads[i] is < 1 or > MaxPayload)
            {
                return false;
            }
        }
        return parts.Length > 0;
    }
}
