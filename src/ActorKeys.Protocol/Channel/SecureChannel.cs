using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Protocol.Channel;

public enum ChannelRole
{
    Client,
    Server,
}

/// <summary>The first plaintext byte of a record.</summary>
public enum RecordKind : byte
{
    Data = 1,
    Close = 2,
}

/// <summary>A record that opened: its kind and body.</summary>
public readonly record struct OpenedRecord(RecordKind Kind, byte[] Body);

/// <summary>A record that opened, its body decoded as UTF-8 text (empty for a close record).</summary>
public readonly record struct OpenedText(RecordKind Kind, string Text);

/// <summary>
/// One end of an established session (PROTOCOL.md → Data): seals outgoing records under this side's key
/// with its own counter, and opens incoming ones only when authentic, for this session, within the size
/// bound and with a <c>seq</c> above the last accepted. Any failure closes the channel for good (fail
/// closed) and zeroes both keys, as does a <c>close</c> record in either direction and <see cref="Dispose"/>.
/// </summary>
public sealed class SecureChannel : IDisposable
{
    private const byte DirectionClientToServer = 1;
    private const byte DirectionServerToClient = 2;
    private const int AssociatedDataBytes = 3 + Ak1.SessionIdBytes + 1 + 8;

    /// <summary>Plaintexts up to this size are sealed and opened on the stack; larger ones in a pooled buffer, zeroed before it goes back.</summary>
    private const int StackLimit = 1024;

    /// <summary>
    /// No record is sent or accepted with <c>seq</c> at or above 2^60: a session that long must end (and the client
    /// handshake again) rather than come anywhere near a nonce that repeats.
    /// </summary>
    public const ulong SeqLimit = 1UL << 60;

    private readonly byte[] _sessionId;
    private readonly byte[] _sendKey;
    private readonly byte[] _receiveKey;
    private readonly byte _sendDirection;
    private readonly byte _receiveDirection;
    private readonly int _maxMessageBytes;
    private ulong _nextSendSeq;
    private ulong _lastReceivedSeq;
    private bool _receivedAny;

    /// <summary>Copies the keys; the caller zeroes its own.</summary>
    public SecureChannel(ReadOnlySpan<byte> sessionId, ChannelRole role, ReadOnlySpan<byte> clientToServerKey,
        ReadOnlySpan<byte> serverToClientKey, int maxMessageBytes = Ak1.DefaultMaxMessageBytes)
    {
        if (sessionId.Length != Ak1.SessionIdBytes || clientToServerKey.Length != Ak1.KeyBytes || serverToClientKey.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException("A session id is 16 bytes and each key 32 bytes.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _sessionId = sessionId.ToArray();
        Role = role;
        _maxMessageBytes = maxMessageBytes;
        var isClient = role == ChannelRole.Client;
        _sendKey = (isClient ? clientToServerKey : serverToClientKey).ToArray();
        _receiveKey = (isClient ? serverToClientKey : clientToServerKey).ToArray();
        _sendDirection = isClient ? DirectionClientToServer : DirectionServerToClient;
        _receiveDirection = isClient ? DirectionServerToClient : DirectionClientToServer;
    }

    public ChannelRole Role { get; }

    public ReadOnlySpan<byte> SessionId => _sessionId;

    public bool IsClosed { get; private set; }

    /// <summary>The largest body a record may carry: <c>max-message-bytes</c> less the kind byte.</summary>
    public int MaxBodyBytes => _maxMessageBytes - 1;

    /// <summary>Seals one record. A <c>close</c> record closes this channel after it is sealed.</summary>
    public Sealed Seal(RecordKind kind, ReadOnlySpan<byte> body)
    {
        ThrowIfClosed();
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException($"A record body is at most {MaxBodyBytes} bytes.", nameof(body));
        }
        if (_nextSendSeq >= SeqLimit)
        {
            Close();
            throw new SecureChannelException(ChannelError.SequenceExhausted);
        }
        var seq = _nextSendSeq++;
        var plaintextLength = 1 + body.Length;
        var rented = plaintextLength > StackLimit ? ArrayPool<byte>.Shared.Rent(plaintextLength) : null;
        var plaintext = rented is null ? stackalloc byte[StackLimit] : rented;
        plaintext = plaintext[..plaintextLength];
        Span<byte> nonce = stackalloc byte[Ak1.AeadNonceBytes];
        Span<byte> ad = stackalloc byte[AssociatedDataBytes];
        var ciphertext = new byte[plaintextLength + Ak1.AeadTagBytes];
        try
        {
            plaintext[0] = (byte)kind;
            body.CopyTo(plaintext[1..]);
            Nonce(seq, nonce);
            AssociatedData(_sendDirection, seq, ad);
            Primitives.AeadEncrypt(_sendKey, nonce, ad, plaintext, ciphertext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        if (kind == RecordKind.Close)
        {
            Close();
        }
        return new Sealed(Values.SessionId.From(_sessionId), seq, ciphertext);
    }

    /// <summary>
    /// Opens one record. Throws <see cref="SecureChannelException"/> and closes the channel on any failure;
    /// an opened <c>close</c> record also closes it.
    /// </summary>
    public OpenedRecord Open(Sealed record)
    {
        ThrowIfClosed();
        var failure = Check(record);
        if (failure is not null)
        {
            Close();
            throw new SecureChannelException(failure.Value);
        }
        var plaintextLength = record.Ciphertext.Length - Ak1.AeadTagBytes;
        var rented = plaintextLength > StackLimit ? ArrayPool<byte>.Shared.Rent(plaintextLength) : null;
        var plaintext = rented is null ? stackalloc byte[StackLimit] : rented;
        plaintext = plaintext[..Math.Max(plaintextLength, 0)];
        Span<byte> nonce = stackalloc byte[Ak1.AeadNonceBytes];
        Span<byte> ad = stackalloc byte[AssociatedDataBytes];
        try
        {
            Nonce(record.Seq, nonce);
            AssociatedData(_receiveDirection, record.Seq, ad);
            var authentic = plaintextLength >= 0 && Primitives.AeadDecrypt(_receiveKey, nonce, ad, record.Ciphertext, plaintext);
            if (!authentic || plaintext.Length == 0 || !Enum.IsDefined((RecordKind)plaintext[0]))
            {
                Close();
                throw new SecureChannelException(!authentic ? ChannelError.AuthenticationFailed : ChannelError.UnknownKind);
            }
            _lastReceivedSeq = record.Seq;
            _receivedAny = true;
            var kind = (RecordKind)plaintext[0];
            var body = plaintext[1..].ToArray();
            if (kind == RecordKind.Close)
            {
                Close();
            }
            return new OpenedRecord(kind, body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Seals <paramref name="text"/> (UTF-8) as a data record, or returns null when it is larger than
    /// <see cref="MaxBodyBytes"/>. The encoded bytes are zeroed before this returns (the string itself cannot be).
    /// </summary>
    public Sealed? SealText(string text)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(text);
        if (length > MaxBodyBytes)
        {
            return null;
        }
        var rented = length > StackLimit ? ArrayPool<byte>.Shared.Rent(length) : null;
        var body = rented is null ? stackalloc byte[StackLimit] : rented;
        body = body[..length];
        try
        {
            System.Text.Encoding.UTF8.GetBytes(text, body);
            return Seal(RecordKind.Data, body);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Opens one record as text, as <see cref="Open"/> does, and zeroes the decrypted bytes once decoded.</summary>
    public OpenedText OpenText(Sealed record)
    {
        var opened = Open(record);
        try
        {
            return new OpenedText(opened.Kind, System.Text.Encoding.UTF8.GetString(opened.Body));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(opened.Body);
        }
    }

    public void Dispose() => Close();

    /// <summary>Moves the send counter forward, as a long-lived session would: for tests of the <see cref="SeqLimit"/>.</summary>
    internal void SkipSendSequenceTo(ulong seq) => _nextSendSeq = seq;

    public override string ToString() => $"SecureChannel({Role}, {(IsClosed ? "closed" : "open")})";

    private ChannelError? Check(Sealed record)
    {
        if (!CryptographicOperations.FixedTimeEquals(record.SessionId.Span, _sessionId))
        {
            return ChannelError.WrongSession;
        }
        if (_receivedAny && record.Seq <= _lastReceivedSeq)
        {
            return ChannelError.Replayed;
        }
        if (record.Seq >= SeqLimit)
        {
            return ChannelError.SequenceExhausted;
        }
        // A missing ciphertext must close the channel like any bad record, not escape as a NullReferenceException.
        if (record.Ciphertext is null)
        {
            return ChannelError.AuthenticationFailed;
        }
        if (record.Ciphertext.Length > _maxMessageBytes + Ak1.AeadTagBytes)
        {
            return ChannelError.TooLarge;
        }
        return null;
    }

    private void Close()
    {
        if (!IsClosed)
        {
            IsClosed = true;
            CryptographicOperations.ZeroMemory(_sendKey);
            CryptographicOperations.ZeroMemory(_receiveKey);
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new SecureChannelException(ChannelError.Closed);
        }
    }

    /// <summary><c>nonce = u32(0) || u64(seq)</c>.</summary>
    private static void Nonce(ulong seq, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], seq);
    }

    /// <summary><c>ad = "AK1" || sid || u8(dir) || u64(seq)</c>.</summary>
    private void AssociatedData(byte direction, ulong seq, Span<byte> ad)
    {
        Ak1.Magic.CopyTo(ad);
        _sessionId.CopyTo(ad[3..]);
        ad[3 + Ak1.SessionIdBytes] = direction;
        BinaryPrimitives.WriteUInt64LittleEndian(ad[(4 + Ak1.SessionIdBytes)..], seq);
    }
}
