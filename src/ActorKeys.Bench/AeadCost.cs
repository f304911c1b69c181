using ActorKeys.Protocol.Crypto;

namespace ActorKeys.Bench;

/// <summary>
/// What sealing a record costs at the least: one ChaCha20-Poly1305 seal and one open of a record's plaintext, timed alone
/// on one core. Each record of the echo phases is sealed once and opened once, so the sealed phase's CPU per record can
/// come down to the plaintext phase's plus this, and no further: with P µs of CPU per plaintext record and this A, the
/// ratio of sealed to plaintext throughput is at most P / (P + A).
/// </summary>
public static class AeadCost
{
    /// <summary>Microseconds for one seal and one open of <c>1 + payload</c> bytes (the kind byte and the body): the fastest of five rounds (<see cref="FastestRound"/>).</summary>
    public static double SealAndOpenMicros(int payloadBytes)
    {
        var key = new byte[32];
        var nonce = new byte[12];
        var associatedData = new byte[32];
        var plaintext = new byte[1 + payloadBytes];
        var ciphertext = new byte[plaintext.Length + 16];
        var opened = new byte[plaintext.Length];
        return FastestRound.MicrosecondsPerCall(Math.Clamp(2_000_000 / plaintext.Length, 20, 2_000), () =>
        {
            Primitives.AeadEncrypt(key, nonce, associatedData, plaintext, ciphertext);
            Primitives.AeadDecrypt(key, nonce, associatedData, ciphertext, opened);
        });
    }
}
