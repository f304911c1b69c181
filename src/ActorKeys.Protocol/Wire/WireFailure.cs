namespace ActorKeys.Protocol.Wire;

/// <summary>
/// Where decoding stopped: an error, the message type and the field, all fixed strings. The exception text is
/// built from these only when <see cref="WireCodec.Decode"/> throws, so <see cref="WireCodec.TryDecode"/> stays allocation-free on failure.
/// </summary>
internal readonly record struct WireFailure(WireDecodeError? Error, string? MessageType, string? Field)
{
    public WireDecodeException ToException()
    {
        var where = string.IsNullOrEmpty(Field) ? MessageType : $"{MessageType}.{Field}";
        var text = Error switch
        {
            WireDecodeError.Empty => "the input is empty",
            WireDecodeError.UnknownType => "the type tag is not one of the AK1 messages",
            WireDecodeError.Truncated => $"the input ends inside {where}",
            WireDecodeError.Oversized => $"{where} declares more bytes than the configured limit allows",
            WireDecodeError.TrailingBytes => $"bytes follow the end of a complete {MessageType}",
            WireDecodeError.InvalidField => $"{where} has a value no encoder produces",
            WireDecodeError.UnsupportedVersion => "the Hello is of another protocol version",
            _ => "unknown failure",
        };
        return new WireDecodeException(Error ?? WireDecodeError.InvalidField, $"Cannot decode an AK1 message: {text}.");
    }
}
