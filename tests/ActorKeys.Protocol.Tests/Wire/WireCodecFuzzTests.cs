using ActorKeys.Protocol.Wire;

namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>
/// Seeded fuzzing of the decoder: whatever the bytes, <see cref="DecodeProperties.Check"/> holds. Each test also
/// asserts that its inputs reached every outcome, so a generator that drifted into producing only one kind of
/// junk would fail rather than pass vacuously.
/// </summary>
public class WireCodecFuzzTests
{
    private const int Iterations = 10_000;
    private const int MaxRandomInputBytes = 200;
    private static readonly byte[] InterestingBytes = [0, 1, 5, 16, 17, 64, 65, 0x7F, 0x80, 0xC0, 0xED, 0xFF];

    [Fact]
    public void Random_inputs_decode_or_throw_WireDecodeException_and_nothing_else()
    {
        var random = new Random(20240601);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var input = RandomInput(random);
            Tally(outcomes, DecodeProperties.Check(input, RandomLimits(random)));
        }
        // Pure noise rarely forms a whole message, but every error kind must be reached.
        foreach (var error in Enum.GetValues<WireDecodeError>())
        {
            Assert.True(outcomes.ContainsKey(error.ToString()), $"no random input produced {error}");
        }
    }

    [Fact]
    public void Mutated_encodings_decode_or_throw_WireDecodeException_and_decoded_ones_are_canonical()
    {
        var random = new Random(424242);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < Iterations; i++)
        {
            var input = WireCodec.Encode(RandomMessages.Any(random));
            var mutations = random.Next(1, 4);
            for (var m = 0; m < mutations; m++)
            {
                input = Mutate(input, random);
            }
            Tally(outcomes, DecodeProperties.Check(input, RandomLimits(random)));
        }
        Assert.True(outcomes.GetValueOrDefault("decoded") > 100, "too few mutations still decoded to exercise re-encoding");
        foreach (var error in Enum.GetValues<WireDecodeError>())
        {
            Assert.True(outcomes.ContainsKey(error.ToString()), $"no mutation produced {error}");
        }
    }

    private static byte[] RandomInput(Random random)
    {
        var input = RandomMessages.Bytes(random, random.Next(MaxRandomInputBytes + 1));
        if (input.Length > 0 && random.Next(5) != 0)
        {
            // Mostly a known tag, or nearly every input would stop at UnknownType.
            input[0] = (byte)random.Next(1, RandomMessages.TypeCount + 1);
        }
        if (input.Length > 1 && input[0] == 1 && random.Next(2) == 0)
        {
            // A Hello of another version stops at its version byte: half of the random Hellos get past it.
            input[1] = Ak1.Version;
        }
        if (input.Length > 3 && random.Next(2) == 0)
        {
            // Small little-endian numbers where a length sits (Hello id at 2, or anywhere) reach the deeper checks.
            var at = random.Next(2) == 0 ? 2 : random.Next(1, input.Length - 1);
            input[at] = InterestingBytes[random.Next(InterestingBytes.Length)];
            input[at + 1] = 0;
        }
        return input;
    }

    private static byte[] Mutate(byte[] input, Random random)
    {
        switch (random.Next(7))
        {
            case 0 when input.Length > 0: // bit flip
                var copy = (byte[])input.Clone();
                copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            case 1 when input.Length > 0: // truncation
                return input[..random.Next(input.Length)];
            case 2: // insertion
                var at = random.Next(input.Length + 1);
                return [.. input[..at], .. RandomMessages.Bytes(random, random.Next(1, 5)), .. input[at..]];
            case 3 when input.Length > 0: // deletion
                var from = random.Next(input.Length);
                var to = Math.Min(input.Length, from + random.Next(1, 5));
                return [.. input[..from], .. input[to..]];
            case 4: // splice with another valid encoding
                var other = WireCodec.Encode(RandomMessages.Any(random));
                return [.. input[..random.Next(input.Length + 1)], .. other[random.Next(other.Length + 1)..]];
            case 5 when input.Length > 0: // boundary value in place
                var edited = (byte[])input.Clone();
                edited[random.Next(edited.Length)] = InterestingBytes[random.Next(InterestingBytes.Length)];
                return edited;
            case 6: // two messages back to back
                return [.. input, .. WireCodec.Encode(RandomMessages.Any(random))];
            default:
                return input;
        }
    }

    /// <summary>Mostly the default; sometimes a small limit so genuine ciphertext lengths hit Oversized.</summary>
    private static WireLimits? RandomLimits(Random random) => random.Next(4) switch
    {
        0 => new WireLimits(random.Next(1, 300)),
        1 => WireLimits.Default,
        _ => null,
    };

    private static void Tally(Dictionary<string, int> outcomes, WireDecodeError? error)
    {
        var key = error?.ToString() ?? "decoded";
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }
}
