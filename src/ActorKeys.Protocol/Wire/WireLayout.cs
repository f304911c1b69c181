namespace ActorKeys.Protocol.Wire;

/// <summary>Sizes of the encoded messages, built from named parts so the layout table in WireCodec.cs can be checked against them.</summary>
internal static class WireLayout
{
    public const int TagBytes = 1;
    public const int VersionBytes = 1;
    public const int ReasonBytes = 1;
    public const int U16Bytes = 2;
    public const int U32Bytes = 4;
    public const int U64Bytes = 8;

    /// <summary>Strict UTF-8: the decoder never substitutes U+FFFD, so an id decodes to exactly one string and back.</summary>
    public static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Hello without its client id and server address bytes.</summary>
    public const int HelloFixedBytes = TagBytes + VersionBytes + U16Bytes + U32Bytes + Ak1.KeyIdBytes + U16Bytes + U64Bytes
        + Ak1.NonceBytes + Ak1.PublicKeyBytes + Ak1.BinderBytes;

    public const int ChallengeBytes = TagBytes + Ak1.SessionIdBytes + Ak1.NonceBytes + Ak1.PublicKeyBytes + Ak1.ConfirmBytes;

    public const int FinishBytes = TagBytes + Ak1.SessionIdBytes + Ak1.ConfirmBytes;

    public const int RejectedBytes = TagBytes + ReasonBytes;

    public const int Rejected2Bytes = TagBytes + ReasonBytes + Ak1.NonceBytes + Ak1.RevocationProofBytes;

    /// <summary>Sealed without its ciphertext: tag, session id, generation, seq, ciphertext length.</summary>
    public const int SealedHeaderBytes = TagBytes + Ak1.SessionIdBytes + U32Bytes + U64Bytes + U32Bytes;

    /// <summary>A ciphertext holds at least the AEAD tag and the kind byte of an empty record.</summary>
    public const int MinCiphertextBytes = Ak1.AeadTagBytes + 1;

    /// <summary>Client id bytes: at least one, and the id rules allow 64 ASCII characters, so never more than 64 bytes.</summary>
    public const int MinClientIdBytes = 1;
    public const int MaxClientIdBytes = ClientId.MaxLength;

    /// <summary>Server address bytes in a Hello: the address of a node, never empty, at most 255.</summary>
    public const int MinServerBytes = 1;
    public const int MaxServerBytes = Ak1.MaxServerAddressBytes;

    /// <summary>The reasons the version-1 <c>Rejected</c> layout can carry: every reason but <c>revoked</c>, which needs a proof.</summary>
    public static bool IsVersion1Reason(RejectReason reason) => reason is >= RejectReason.UnsupportedVersion and <= RejectReason.ProtocolViolation;
}
