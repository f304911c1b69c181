using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Values;

namespace ActorKeys.Protocol.Channel;

/// <summary>
/// One end of an established session (PROTOCOL.md → Data, and version 2 items 4–6): seals outgoing records under this
/// side's key of the current generation with its own counter, opens incoming ones only when authentic, for this session,
/// of an accepted generation, within the size bound and with a <c>seq</c> above the last accepted in that generation, and
/// carries out the in-band rekey. Any failure closes the channel for good (fail closed) and zeroes every key, as does a
/// <c>close</c> record in either direction and <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// Rekey. The client calls <see cref="BeginRekey"/> (record kind 3 under generation g) and keeps sending under g until
/// the server's kind-4 record arrives; opening it moves both of its directions to g+1, overwriting the old keys (the old receive key is zeroed). The server,
/// on opening a kind-3 record, returns <see cref="RecordKind.Rekey"/>; its owner re-checks revocation and then calls
/// <see cref="AnswerRekey"/>, which seals the ack under g, overwrites the old sending key and sends under g+1 from then on.
/// It still accepts the client's generation-g records until the first g+1 record arrives, or until its owner calls
/// <see cref="ForgetPreviousGeneration"/> (after <c>handshake-timeout</c>).
/// </remarks>
public sealed class SecureChannel : IDisposable
{
    private const byte DirectionClientToServer = 1;
    private const byte DirectionServerToClient = 2;
    private const int AssociatedDataBytes = 3 + Ak1.SessionIdBytes + 1 + 4 + 8;
    private const int RekeyBodyBytes = Ak1.PublicKeyBytes + Ak1.NonceBytes;
    private const int RekeyAckBodyBytes = Ak1.PublicKeyBytes;
    private const int CloseBodyBytes = 1;

    /// <summary>Plaintexts up to this size are sealed and opened on the stack; larger ones in a pooled buffer, zeroed before it goes back.</summary>
    private const int StackLimit = 1024;

    /// <summary>
    /// No record is sent or accepted with <c>seq</c> at or above 2^60 in a generation: a session that long must rekey or end
    /// rather than come anywhere near a nonce that repeats.
    /// </summary>
    public const ulong SeqLimit = 1UL << 60;

    private readonly SessionId _sessionId;
    private readonly byte _sendDirection;
    private readonly byte _receiveDirection;
    private readonly int _maxMessageBytes;
    private readonly IRandomSource _random;
    // The transcript hash and the keys are held inline (ChannelKey), not in arrays of their own: a server holds one channel
    // per idle session, and that is about 180 B less per session (README, Performance). A key is replaced by overwriting it.
    private ChannelKey _transcriptHash;
    private ChannelKey _chainKey;
    private ChannelKey _sendKey;
    private ulong _nextSendSeq;
    private ReceiveWindow _receive;
    /// <summary>Server only: the client's previous generation, accepted until its first record of the current one.</summary>
    private ReceiveWindow? _previousReceive;
    /// <summary>Client only: the rekey it started and that is not yet answered (an object only while there is one).</summary>
    private PendingRekey? _pendingRekey;
    /// <summary>Server only: the body of a rekey request opened and not yet answered.</summary>
    private byte[]? _rekeyRequest;

    /// <summary>Copies the keys, the chaining key and the transcript hash; the caller zeroes its own.</summary>
    public SecureChannel(ReadOnlySpan<byte> sessionId, ChannelRole role, ReadOnlySpan<byte> clientToServerKey,
        ReadOnlySpan<byte> serverToClientKey, ReadOnlySpan<byte> chainKey, ReadOnlySpan<byte> transcriptHash,
        int maxMessageBytes = Ak1.DefaultMaxMessageBytes, IRandomSource? random = null)
    {
        if (sessionId.Length != Ak1.SessionIdBytes || clientToServerKey.Length != Ak1.KeyBytes || serverToClientKey.Length != Ak1.KeyBytes
            || chainKey.Length != Ak1.KeyBytes || transcriptHash.Length != Ak1.KeyBytes)
        {
            throw new ArgumentException("A session id is 16 bytes, and each key, the chaining key and the transcript hash 32 bytes.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _sessionId = Values.SessionId.From(sessionId);
        Role = role;
        _maxMessageBytes = maxMessageBytes;
        _random = random ?? SystemRandomSource.Instance;
        chainKey.CopyTo(_chainKey);
        transcriptHash.CopyTo(_transcriptHash);
        var isClient = role == ChannelRole.Client;
        (isClient ? clientToServerKey : serverToClientKey).CopyTo(_sendKey);
        _receive = new ReceiveWindow(0, isClient ? serverToClientKey : clientToServerKey);
        _sendDirection = isClient ? DirectionClientToServer : DirectionServerToClient;
        _receiveDirection = isClient ? DirectionServerToClient : DirectionClientToServer;
    }

    public ChannelRole Role { get; }

    public ReadOnlySpan<byte> SessionId => _sessionId.Span;

    public bool IsClosed { get; private set; }

    /// <summary>The generation this end sends under.</summary>
    public uint SendGeneration { get; private set; }

    /// <summary>Records sent in <see cref="SendGeneration"/> (the client's <c>rekey-after-records</c> counts these).</summary>
    public ulong SentInGeneration => _nextSendSeq;

    /// <summary>Client: a rekey was started and its ack has not come.</summary>
    public bool RekeyPending => _pendingRekey is not null;

    /// <summary>Server: the client's previous generation is still accepted.</summary>
    public bool AcceptsPreviousGeneration => _previousReceive is not null;

    /// <summary>The largest body a record may carry: <c>max-message-bytes</c> less the kind byte.</summary>
    public int MaxBodyBytes => _maxMessageBytes - 1;

    /// <summary>Seals a data record.</summary>
    public Sealed SealData(ReadOnlySpan<byte> body) => SealRecord(RecordKind.Data, body);

    /// <summary>Seals a close record with its reason; the channel is closed after it is sealed.</summary>
    public Sealed SealClose(CloseReason reason)
    {
        ReadOnlySpan<byte> body = [(byte)reason];
        return SealRecord(RecordKind.Close, body);
    }

    /// <summary>
    /// Client: starts a rekey with a fresh X25519 key pair and nonce and returns the kind-3 record to send. One at a time.
    /// </summary>
    public Sealed BeginRekey()
    {
        ThrowIfClosed();
        if (Role != ChannelRole.Client || _pendingRekey is not null)
        {
            throw new InvalidOperationException(Role != ChannelRole.Client
                ? "Only the client starts a rekey."
                : "A rekey is already pending.");
        }
        var ephemeralPrivate = _random.NextBytes(Ak1.PrivateKeyBytes);
        var ephemeralPublic = Primitives.X25519Public(ephemeralPrivate);
        var nonce = _random.NextBytes(Ak1.NonceBytes);
        Span<byte> body = stackalloc byte[RekeyBodyBytes];
        ephemeralPublic.CopyTo(body);
        nonce.CopyTo(body[Ak1.PublicKeyBytes..]);
        Sealed record;
        try
        {
            record = SealRecord(RecordKind.Rekey, body);
        }
        catch
        {
            // The request was not sent (sequence exhausted): its secret is never needed.
            CryptographicOperations.ZeroMemory(ephemeralPrivate);
            throw;
        }
        _pendingRekey = new PendingRekey(ephemeralPrivate, ephemeralPublic, nonce);
        return record;
    }

    /// <summary>
    /// Server: answers the rekey request just opened. Returns the kind-4 record (sealed under the current generation), then
    /// overwrites the old sending key and sends under the next generation; the client's current generation stays accepted
    /// until its first record of the next one. Throws <see cref="SecureChannelException"/> (and closes) when the client's
    /// key is of low order.
    /// </summary>
    public Sealed AnswerRekey()
    {
        ThrowIfClosed();
        var request = _rekeyRequest ?? throw new InvalidOperationException("No rekey request is waiting for an answer.");
        _rekeyRequest = null;
        byte[]? ephemeralPrivate = null;
        byte[]? dh = null;
        GenerationKeys? next = null;
        try
        {
            ephemeralPrivate = _random.NextBytes(Ak1.PrivateKeyBytes);
            var ephemeralPublic = Primitives.X25519Public(ephemeralPrivate);
            dh = Exchange(ephemeralPrivate, request.AsSpan(0, Ak1.PublicKeyBytes));
            var nextGeneration = SendGeneration + 1;
            var th = RekeySchedule.TranscriptHash(_transcriptHash, nextGeneration, request.AsSpan(0, Ak1.PublicKeyBytes),
                request.AsSpan(Ak1.PublicKeyBytes), ephemeralPublic);
            next = RekeySchedule.Derive(_chainKey, dh, th);
            var ack = SealRecord(RecordKind.RekeyAck, ephemeralPublic);
            // k_s2c(g) is never needed again (overwritten); k_c2s(g) stays, as the previous generation, until the client moves on.
            next.ServerToClient.CopyTo(_sendKey);
            _nextSendSeq = 0;
            SendGeneration = nextGeneration;
            _previousReceive?.Dispose();
            _previousReceive = _receive;
            _receive = new ReceiveWindow(nextGeneration, next.ClientToServer);
            Advance(next);
            return ack;
        }
        finally
        {
            Zero(ephemeralPrivate);
            Zero(dh);
            CryptographicOperations.ZeroMemory(request);
            next?.Dispose();
        }
    }

    /// <summary>Server: stops accepting the client's previous generation and zeroes its key (after <c>handshake-timeout</c>).</summary>
    public void ForgetPreviousGeneration()
    {
        _previousReceive?.Dispose();
        _previousReceive = null;
    }

    /// <summary>Seals one record. Only data and close: the rekey records are made by <see cref="BeginRekey"/> and <see cref="AnswerRekey"/>.</summary>
    public Sealed Seal(RecordKind kind, ReadOnlySpan<byte> body) => kind switch
    {
        RecordKind.Data => SealData(body),
        RecordKind.Close when body.Length == CloseBodyBytes && Enum.IsDefined((CloseReason)body[0]) => SealRecord(kind, body),
        RecordKind.Close => throw new ArgumentException("A close record's body is one byte, a defined close reason.", nameof(body)),
        _ => throw new ArgumentException($"Rekey records are made by {nameof(BeginRekey)} and {nameof(AnswerRekey)}.", nameof(kind)),
    };

    /// <summary>Seals any kind with any body: for tests that play a broken or hostile peer.</summary>
    internal Sealed SealUnchecked(RecordKind kind, ReadOnlySpan<byte> body) => SealRecord(kind, body);

    private Sealed SealRecord(RecordKind kind, ReadOnlySpan<byte> body)
    {
        ThrowIfClosed();
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException($"A record body is at most {MaxBodyBytes} bytes.", nameof(body));
        }
        return SealBody(kind, body.Length, body, static (destination, source) => source.CopyTo(destination));
    }

    /// <summary>Writes a record's body into its place in the plaintext (<paramref name="destination"/> is exactly its length).</summary>
    private delegate void BodyWriter<TSource>(Span<byte> destination, TSource source) where TSource : allows ref struct;

    /// <summary>
    /// Seals a record of <paramref name="kind"/> whose body <paramref name="write"/> lays out straight into the plaintext
    /// (a copy for <see cref="SealRecord"/>, UTF-8 encoding for <see cref="SealText"/>): the plaintext is on the stack up to
    /// <see cref="StackLimit"/>, else in a pooled buffer, and zeroed before this returns, however it returns. The caller
    /// has checked <paramref name="bodyLength"/> against <see cref="MaxBodyBytes"/>.
    /// </summary>
    private Sealed SealBody<TSource>(RecordKind kind, int bodyLength, TSource source, BodyWriter<TSource> write)
        where TSource : allows ref struct
    {
        var plaintextLength = 1 + bodyLength;
        var rented = plaintextLength > StackLimit ? ArrayPool<byte>.Shared.Rent(plaintextLength) : null;
        var plaintext = rented is null ? stackalloc byte[StackLimit] : rented;
        plaintext = plaintext[..plaintextLength];
        try
        {
            plaintext[0] = (byte)kind;
            write(plaintext[1..], source);
            return SealPlaintext(plaintext);
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

    /// <summary>Seals <c>kind || body</c> laid out in <paramref name="plaintext"/> (its first byte is the kind).</summary>
    private Sealed SealPlaintext(ReadOnlySpan<byte> plaintext)
    {
        ThrowIfClosed();
        if (_nextSendSeq >= SeqLimit)
        {
            Close();
            throw new SecureChannelException(ChannelError.SequenceExhausted);
        }
        var seq = _nextSendSeq++;
        Span<byte> nonce = stackalloc byte[Ak1.AeadNonceBytes];
        Span<byte> ad = stackalloc byte[AssociatedDataBytes];
        var ciphertext = new byte[plaintext.Length + Ak1.AeadTagBytes];
        Nonce(SendGeneration, seq, nonce);
        AssociatedData(_sendDirection, SendGeneration, seq, ad);
        Primitives.AeadEncrypt(_sendKey, nonce, ad, plaintext, ciphertext);
        if ((RecordKind)plaintext[0] == RecordKind.Close)
        {
            Close();
        }
        return new Sealed(_sessionId, SendGeneration, seq, ciphertext);
    }

    /// <summary>
    /// Opens one record. Throws <see cref="SecureChannelException"/> and closes the channel on any failure; an opened
    /// <c>close</c> record also closes it. A rekey record is carried out here (client) or waits for <see cref="AnswerRekey"/> (server).
    /// </summary>
    public OpenedRecord Open(Sealed record)
    {
        var (kind, body, closeReason) = OpenRecord(record, static body => body.ToArray());
        return new OpenedRecord(kind, kind switch
        {
            RecordKind.Close => [closeReason],
            RecordKind.Data => body!,
            _ => [],
        });
    }

    /// <summary>Reads a data record's body while it is still in the buffer the record opened into (zeroed right after).</summary>
    private delegate T DataReader<out T>(ReadOnlySpan<byte> body);

    /// <summary>
    /// <see cref="Open"/> and <see cref="OpenText"/>: checks and opens <paramref name="record"/> into a buffer of its own,
    /// hands a data record's body to <paramref name="readData"/> (so text is decoded straight from it, with no copy of the
    /// plaintext to zero), carries out the rekey kinds, and zeroes the buffer.
    /// </summary>
    private (RecordKind Kind, T? Data, byte CloseReason) OpenRecord<T>(Sealed record, DataReader<T> readData)
    {
        ThrowIfClosed();
        var window = Check(record, out var failure);
        if (window is null)
        {
            Close();
            throw new SecureChannelException(failure);
        }
        var plaintextLength = record.Ciphertext.Length - Ak1.AeadTagBytes;
        var rented = plaintextLength > StackLimit ? ArrayPool<byte>.Shared.Rent(plaintextLength) : null;
        var plaintext = rented is null ? stackalloc byte[StackLimit] : rented;
        plaintext = plaintext[..Math.Max(plaintextLength, 0)];
        Span<byte> nonce = stackalloc byte[Ak1.AeadNonceBytes];
        Span<byte> ad = stackalloc byte[AssociatedDataBytes];
        try
        {
            Nonce(record.Generation, record.Seq, nonce);
            AssociatedData(_receiveDirection, record.Generation, record.Seq, ad);
            var authentic = plaintextLength >= 0 && Primitives.AeadDecrypt(window.Key, nonce, ad, record.Ciphertext, plaintext);
            if (!authentic)
            {
                Fail(ChannelError.AuthenticationFailed);
            }
            window.Accept(record.Seq);
            if (window == _receive && _previousReceive is not null)
            {
                ForgetPreviousGeneration(); // the client has moved on: the old key opens nothing more
            }
            // An authentic empty plaintext has no kind byte: kind 0 (unknown) and no body, refused by CheckKind like any unknown kind.
            var kind = plaintext.Length == 0 ? default : (RecordKind)plaintext[0];
            var body = plaintext.Length == 0 ? plaintext : plaintext[1..];
            CheckKind(kind, body, window == _receive);
            switch (kind)
            {
                case RecordKind.Close:
                    var reason = body[0];
                    Close();
                    return (kind, default, reason);
                case RecordKind.Rekey:
                    _rekeyRequest = body.ToArray();
                    return (kind, default, 0);
                case RecordKind.RekeyAck:
                    CompleteRekey(body);
                    return (kind, default, 0);
                default:
                    return (kind, readData(body), 0);
            }
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

    /// <summary>Every rule on a record's kind, direction, state and body length (version 2, item 6); any breach ends the channel.</summary>
    private void CheckKind(RecordKind kind, ReadOnlySpan<byte> body, bool currentGeneration)
    {
        var legal = kind switch
        {
            RecordKind.Data => true,
            RecordKind.Close => body.Length == CloseBodyBytes && Enum.IsDefined((CloseReason)body[0]),
            RecordKind.Rekey => Role == ChannelRole.Server && currentGeneration && _rekeyRequest is null && body.Length == RekeyBodyBytes,
            RecordKind.RekeyAck => Role == ChannelRole.Client && _pendingRekey is not null && body.Length == RekeyAckBodyBytes,
            _ => false,
        };
        if (!legal)
        {
            Fail(Enum.IsDefined(kind) ? ChannelError.UnexpectedRecord : ChannelError.UnknownKind);
        }
    }

    /// <summary>Client: the server's ack opened; both directions move to the next generation, the old keys overwritten or zeroed.</summary>
    private void CompleteRekey(ReadOnlySpan<byte> serverEphemeral)
    {
        var (ephemeralPrivate, ephemeralPublic, nonce) = _pendingRekey!;
        _pendingRekey = null;
        byte[]? dh = null;
        GenerationKeys? next = null;
        try
        {
            dh = Exchange(ephemeralPrivate, serverEphemeral);
            var nextGeneration = SendGeneration + 1;
            var th = RekeySchedule.TranscriptHash(_transcriptHash, nextGeneration, ephemeralPublic, nonce, serverEphemeral);
            next = RekeySchedule.Derive(_chainKey, dh, th);
            next.ClientToServer.CopyTo(_sendKey);
            _nextSendSeq = 0;
            SendGeneration = nextGeneration;
            _receive.Dispose();
            _receive = new ReceiveWindow(nextGeneration, next.ServerToClient);
            Advance(next);
        }
        finally
        {
            Zero(ephemeralPrivate);
            Zero(dh);
            next?.Dispose();
        }
    }

    /// <summary><c>th := th'</c>, <c>ck := ck'</c>, the old chaining key overwritten.</summary>
    private void Advance(GenerationKeys next)
    {
        next.ChainKey.CopyTo(_chainKey);
        next.TranscriptHash.CopyTo(_transcriptHash);
    }

    /// <summary>X25519 with the all-zero check; a weak key ends the channel.</summary>
    private byte[] Exchange(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        try
        {
            return Primitives.X25519(privateKey, publicKey);
        }
        catch (WeakPublicKeyException)
        {
            Fail(ChannelError.WeakKey);
            throw; // not reached: Fail throws
        }
    }

    /// <summary>
    /// Seals <paramref name="text"/> (UTF-8) as a data record, or returns null when it is larger than
    /// <see cref="MaxBodyBytes"/>. The text is encoded straight into the plaintext's place, which is zeroed before this
    /// returns (the string itself cannot be).
    /// </summary>
    public Sealed? SealText(string text)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(text);
        return length > MaxBodyBytes
            ? null
            : SealBody(RecordKind.Data, length, text, static (destination, source) => System.Text.Encoding.UTF8.GetBytes(source, destination));
    }

    /// <summary>Opens one record as <see cref="Open"/> does; a data record's body is decoded as text straight from the opened buffer.</summary>
    public OpenedText OpenText(Sealed record)
    {
        var (kind, text, closeReason) = OpenRecord(record, static body => System.Text.Encoding.UTF8.GetString(body));
        return new OpenedText(kind, text ?? "", kind == RecordKind.Close ? (CloseReason)closeReason : null);
    }

    public void Dispose() => Close();

    /// <summary>Moves the send counter forward, as a long-lived session would: for tests of the <see cref="SeqLimit"/>.</summary>
    internal void SkipSendSequenceTo(ulong seq) => _nextSendSeq = seq;

    /// <summary>
    /// For tests of zeroing: where every key this channel holds now is kept (send, receive, previous receive, chaining key).
    /// A <see cref="KeySlot"/> reads its place whenever it is read: the channel's own send and chaining key slots hold
    /// the next generation's keys after a rekey, and zeros once it closes; a receive window's slot, once the window is
    /// dropped, only zeros.
    /// </summary>
    internal IEnumerable<KeySlot> KeysForTests()
    {
        yield return new KeySlot(() => ((ReadOnlySpan<byte>)_sendKey).ToArray());
        yield return _receive.Slot;
        if (_previousReceive is not null)
        {
            yield return _previousReceive.Slot;
        }
        yield return new KeySlot(() => ((ReadOnlySpan<byte>)_chainKey).ToArray());
    }

    public override string ToString() => $"SecureChannel({Role}, generation {SendGeneration}, {(IsClosed ? "closed" : "open")})";

    /// <summary>The window the record belongs to, or null with the reason it is refused.</summary>
    private ReceiveWindow? Check(Sealed record, out ChannelError failure)
    {
        failure = default;
        if (!CryptographicOperations.FixedTimeEquals(record.SessionId.Span, _sessionId.Span))
        {
            failure = ChannelError.WrongSession;
            return null;
        }
        var window = record.Generation == _receive.Generation ? _receive
            : _previousReceive is not null && record.Generation == _previousReceive.Generation ? _previousReceive
            : null;
        if (window is null)
        {
            failure = ChannelError.WrongGeneration;
            return null;
        }
        if (!window.IsFresh(record.Seq))
        {
            failure = ChannelError.Replayed;
            return null;
        }
        if (record.Seq >= SeqLimit)
        {
            failure = ChannelError.SequenceExhausted;
            return null;
        }
        // A missing ciphertext must close the channel like any bad record, not escape as a NullReferenceException.
        if (record.Ciphertext is null)
        {
            failure = ChannelError.AuthenticationFailed;
            return null;
        }
        if (record.Ciphertext.Length > _maxMessageBytes + Ak1.AeadTagBytes)
        {
            failure = ChannelError.TooLarge;
            return null;
        }
        return window;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(ChannelError error)
    {
        Close();
        throw new SecureChannelException(error);
    }

    private void Close()
    {
        if (!IsClosed)
        {
            IsClosed = true;
            CryptographicOperations.ZeroMemory(_sendKey);
            _receive.Dispose();
            _previousReceive?.Dispose();
            CryptographicOperations.ZeroMemory(_chainKey);
            if (_pendingRekey is { } pending)
            {
                CryptographicOperations.ZeroMemory(pending.Private);
            }
            Zero(_rekeyRequest);
        }
    }

    private void ThrowIfClosed()
    {
        if (IsClosed)
        {
            throw new SecureChannelException(ChannelError.Closed);
        }
    }

    private static void Zero(byte[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary><c>nonce = u32(gen) || u64(seq)</c>.</summary>
    private static void Nonce(uint generation, ulong seq, Span<byte> nonce)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(nonce, generation);
        BinaryPrimitives.WriteUInt64LittleEndian(nonce[4..], seq);
    }

    /// <summary><c>ad = "AK1" || sid || u8(dir) || u32(gen) || u64(seq)</c>.</summary>
    private void AssociatedData(byte direction, uint generation, ulong seq, Span<byte> ad)
    {
        Ak1.Magic.CopyTo(ad);
        _sessionId.Span.CopyTo(ad[3..]);
        ad[3 + Ak1.SessionIdBytes] = direction;
        BinaryPrimitives.WriteUInt32LittleEndian(ad[(4 + Ak1.SessionIdBytes)..], generation);
        BinaryPrimitives.WriteUInt64LittleEndian(ad[(8 + Ak1.SessionIdBytes)..], seq);
    }

    /// <summary>One generation's receiving key (a copy, held inline) and the highest <c>seq</c> accepted in it.</summary>
    private sealed class ReceiveWindow : IDisposable
    {
        private ChannelKey _key;
        private ulong _last;
        private bool _any;

        public ReceiveWindow(uint generation, ReadOnlySpan<byte> key)
        {
            Generation = generation;
            key.CopyTo(_key);
        }

        public uint Generation { get; }

        public ReadOnlySpan<byte> Key => _key;

        /// <summary>For <see cref="KeysForTests"/>: this window's key wherever the window goes.</summary>
        public KeySlot Slot => new(() => Key.ToArray());

        public bool IsFresh(ulong seq) => !_any || seq > _last;

        public void Accept(ulong seq)
        {
            _last = seq;
            _any = true;
        }

        public void Dispose() => CryptographicOperations.ZeroMemory(_key);
    }

    /// <summary>The client's ephemeral secret, public key and nonce of a rekey it started; the secret is zeroed when it is done.</summary>
    private sealed class PendingRekey(byte[] secret, byte[] publicKey, byte[] nonce)
    {
        public byte[] Private { get; } = secret;
        public byte[] Public { get; } = publicKey;
        public byte[] Nonce { get; } = nonce;

        public void Deconstruct(out byte[] secret, out byte[] publicKey, out byte[] nonce) => (secret, publicKey, nonce) = (Private, Public, Nonce);

        public override string ToString() => "PendingRekey(…)";
    }
}
