using System.Text;
using ActorKeys.Cli.Text;

namespace ActorKeys.Cli.Session;

/// <summary>
/// The largest line the client sends. <c>actorkeys.max-message-bytes</c> bounds a record's plaintext, which is one
/// kind byte and the text's UTF-8; a longer line would be refused by the session and end the conversation, so the
/// command refuses it first and carries on with the next line.
/// </summary>
public static class MessageLimit
{
    private const int KindByte = 1;

    public static int MaxBodyBytes(int maxMessageBytes) => maxMessageBytes - KindByte;

    /// <summary>The sentence to show when <paramref name="text"/> is too long to send, else null.</summary>
    public static string? TooLong(string text, int maxBodyBytes)
    {
        // A UTF-16 char is at most 3 bytes of UTF-8, so short lines need no counting.
        if (text.Length <= maxBodyBytes / 3 || Encoding.UTF8.GetByteCount(text) <= maxBodyBytes)
        {
            return null;
        }
        return Strings.LineTooLong(Encoding.UTF8.GetByteCount(text), maxBodyBytes);
    }
}
