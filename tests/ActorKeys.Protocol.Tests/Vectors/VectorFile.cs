using System.Text.Encodings.Web;
using System.Text.Json;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>
/// The text of tests/vectors/ak1.json as the real code writes it: the inputs in their documented order, then the derived
/// values, two-space indented, one trailing newline. The vector test compares the file with this text byte for byte.
/// </summary>
public static class VectorFile
{
    public static string Write(VectorInputs input, IReadOnlyDictionary<string, byte[]> derived)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", input.Version);
            writer.WriteString("masterKey", Bytes.ToHex(input.MasterKey));
            writer.WriteString("clientId", input.ClientId);
            writer.WriteNumber("epoch", input.Epoch);
            writer.WriteString("serverAddress", input.ServerAddress);
            writer.WriteNumber("timeMs", input.TimeMs);
            writer.WriteString("clientNonce", Bytes.ToHex(input.ClientNonce));
            writer.WriteString("clientEphemeralPrivate", Bytes.ToHex(input.ClientEphemeralPrivate));
            writer.WriteString("sessionId", Bytes.ToHex(input.SessionId));
            writer.WriteString("serverNonce", Bytes.ToHex(input.ServerNonce));
            writer.WriteString("serverEphemeralPrivate", Bytes.ToHex(input.ServerEphemeralPrivate));
            writer.WriteString("plaintextC2S", Bytes.ToHex(input.PlaintextC2S));
            writer.WriteString("plaintextS2C", Bytes.ToHex(input.PlaintextS2C));
            writer.WriteString("rekeyClientEphemeralPrivate", Bytes.ToHex(input.RekeyClientEphemeralPrivate));
            writer.WriteString("rekeyClientNonce", Bytes.ToHex(input.RekeyClientNonce));
            writer.WriteString("rekeyServerEphemeralPrivate", Bytes.ToHex(input.RekeyServerEphemeralPrivate));
            foreach (var name in VectorInputs.DerivedFields)
            {
                writer.WriteString(name, Bytes.ToHex(derived[name]));
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }
}
