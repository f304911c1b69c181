using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>
/// Runs one whole AK1 version-2 session through the real code from the vector inputs and returns every derived value:
/// the state machines (client, verifier, server, both channel ends, one rekey) fed by scripted randomness, and for the
/// values no message carries (A, dh, th, record keys, chaining keys) the same public functions the state machines call,
/// checked against the keys the channels hold. This produced tests/vectors/ak1.json; the vector test checks the file
/// against it.
/// </summary>
/// <remarks>
/// The order of records is part of the vectors: data c2s (generation 0, seq 0), data s2c (0, 0), rekey request c2s
/// (0, 1), rekey-ack s2c (0, 1), data c2s (1, 0), data s2c (1, 0).
/// </remarks>
public static class VectorRun
{
    public static Dictionary<string, byte[]> Derive(VectorInputs input)
    {
        Assert.Equal(Ak1.Version, input.Version);
        var derived = new Dictionary<string, byte[]>();
        using var ring = new MasterKeyRing(new MasterSecret(input.MasterKey));
        var master = ring.Current!;
        derived["keyId"] = master.KeyId.ToArray();
        var accessKey = master.DeriveAccessKey(input.ClientId, input.Epoch);
        derived["accessKey"] = accessKey;
        derived["check"] = AccessKeys.Check(accessKey, input.ClientId, input.Epoch);

        using var credentials = new ClientCredentials(input.ClientId, input.Epoch, master.KeyId, accessKey);
        using var client = new ClientHandshake(credentials, input.ServerAddress);
        var clientRandom = new ScriptedRandom(input.ClientEphemeralPrivate, input.ClientNonce);
        var hello = client.Start(input.TimeMs, clientRandom);
        clientRandom.AssertUsedUp();
        Assert.Equal(input.ClientNonce, hello.ClientNonce.Span);
        Assert.Equal(master.KeyId, hello.KeyId.Span);
        Assert.Equal(input.ServerAddress, hello.Server);
        derived["clientEphemeralPublic"] = hello.ClientEphemeral.ToArray();
        derived["helloBody"] = Transcript.HelloBody(hello);
        derived["binder"] = hello.Binder.ToArray();

        // The revocation proof as a verifier that finds this epoch revoked makes it, and as the client checks it.
        var revoking = new HelloVerifier(ring, input.ServerAddress, new HelloVerifierOptions { MinimumEpoch = _ => input.Epoch + 1 });
        var revoked = revoking.Verify(hello, input.TimeMs);
        Assert.Equal(RejectReason.Revoked, revoked.Reason);
        Assert.True(client.RevocationIsProven(new Rejected2(RejectReason.Revoked, hello.ClientNonce, revoked.Proof)));
        derived["revokedProof"] = revoked.Proof.ToArray();

        var verdict = new HelloVerifier(ring, input.ServerAddress).Verify(hello, input.TimeMs);
        Assert.True(verdict.Accepted, verdict.ToString());
        Assert.Equal(accessKey, verdict.AccessKey!.Span.ToArray());
        using var server = new ServerHandshake(hello, verdict.AccessKey!);
        var serverRandom = new ScriptedRandom(input.SessionId, input.ServerNonce, input.ServerEphemeralPrivate);
        var challenge = server.Respond(serverRandom);
        serverRandom.AssertUsedUp();
        Assert.Equal(input.SessionId, challenge.SessionId.Span);
        Assert.Equal(input.ServerNonce, challenge.ServerNonce.Span);
        derived["serverEphemeralPublic"] = challenge.ServerEphemeral.ToArray();
        derived["confirmServer"] = challenge.ConfirmServer.ToArray();

        // Each channel draws its rekey secrets from the randomness its handshake was given.
        var clientRekeyRandom = new ScriptedRandom(input.RekeyClientEphemeralPrivate, input.RekeyClientNonce);
        var serverRekeyRandom = new ScriptedRandom(input.RekeyServerEphemeralPrivate);
        var (finish, clientChannel) = client.HandleChallenge(challenge, Ak1.DefaultMaxMessageBytes, clientRekeyRandom);
        using var clientEnd = clientChannel;
        Assert.Equal(input.SessionId, finish.SessionId.Span);
        derived["confirmClient"] = finish.ConfirmClient.ToArray();
        using var serverEnd = server.HandleFinish(finish, Ak1.DefaultMaxMessageBytes, serverRekeyRandom);

        derived["sealedC2S"] = Exchange(clientEnd, serverEnd, input.PlaintextC2S, 0, 0);
        derived["sealedS2C"] = Exchange(serverEnd, clientEnd, input.PlaintextS2C, 0, 0);

        // Values no message carries: the DH result both ways, th, and the secrets the state machines derived from them.
        var dh = Primitives.X25519(input.ServerEphemeralPrivate, hello.ClientEphemeral.Span);
        Assert.Equal(dh, Primitives.X25519(input.ClientEphemeralPrivate, challenge.ServerEphemeral.Span));
        derived["dh"] = dh;
        var th = Transcript.Hash(derived["helloBody"], hello.Binder.Span, challenge.SessionId.Span, challenge.ServerNonce.Span, challenge.ServerEphemeral.Span);
        derived["transcriptHash"] = th;
        using var secrets = Transcript.DeriveSecrets(accessKey, dh, th);
        derived["keyC2S"] = secrets.ClientToServer.ToArray();
        derived["keyS2C"] = secrets.ServerToClient.ToArray();
        derived["chainKey"] = secrets.ChainKey.ToArray();
        Assert.Equal(secrets.ConfirmServer, challenge.ConfirmServer.Span);
        Assert.Equal(secrets.ConfirmClient, finish.ConfirmClient.Span);
        // KeysForTests: send, receive, chaining key.
        Assert.Equal([secrets.ClientToServer, secrets.ServerToClient, secrets.ChainKey], clientEnd.KeysForTests().Select(k => k.ToArray()));
        Assert.Equal([secrets.ServerToClient, secrets.ClientToServer, secrets.ChainKey], serverEnd.KeysForTests().Select(k => k.ToArray()));

        // The rekey: request c2s and ack s2c, both generation 0, seq 1.
        var request = clientEnd.BeginRekey();
        clientRekeyRandom.AssertUsedUp();
        Assert.Equal((0u, 1UL), (request.Generation, request.Seq));
        derived["sealedRekeyRequest"] = request.Ciphertext;
        Assert.Equal(RecordKind.Rekey, serverEnd.Open(request).Kind);
        var ack = serverEnd.AnswerRekey();
        serverRekeyRandom.AssertUsedUp();
        Assert.Equal((0u, 1UL), (ack.Generation, ack.Seq));
        derived["sealedRekeyAck"] = ack.Ciphertext;
        Assert.Equal(RecordKind.RekeyAck, clientEnd.Open(ack).Kind);
        Assert.Equal(1u, clientEnd.SendGeneration);
        Assert.Equal(1u, serverEnd.SendGeneration);

        var clientRekeyPublic = Primitives.X25519Public(input.RekeyClientEphemeralPrivate);
        var serverRekeyPublic = Primitives.X25519Public(input.RekeyServerEphemeralPrivate);
        var rekeyDh = Primitives.X25519(input.RekeyServerEphemeralPrivate, clientRekeyPublic);
        var rekeyTh = RekeySchedule.TranscriptHash(th, 1, clientRekeyPublic, input.RekeyClientNonce, serverRekeyPublic);
        derived["rekeyTranscriptHash"] = rekeyTh;
        using (var next = RekeySchedule.Derive(secrets.ChainKey, rekeyDh, rekeyTh))
        {
            derived["rekeyKeyC2S"] = next.ClientToServer.ToArray();
            derived["rekeyKeyS2C"] = next.ServerToClient.ToArray();
            derived["rekeyChainKey"] = next.ChainKey.ToArray();
        }
        Assert.Equal([derived["rekeyKeyC2S"], derived["rekeyKeyS2C"], derived["rekeyChainKey"]], clientEnd.KeysForTests().Select(k => k.ToArray()));

        derived["sealedRekeyC2S"] = Exchange(clientEnd, serverEnd, input.PlaintextC2S, 1, 0);
        derived["sealedRekeyS2C"] = Exchange(serverEnd, clientEnd, input.PlaintextS2C, 1, 0);
        // The server's first generation-1 record from the client ended generation 0 there.
        Assert.Equal([derived["rekeyKeyS2C"], derived["rekeyKeyC2S"], derived["rekeyChainKey"]], serverEnd.KeysForTests().Select(k => k.ToArray()));
        return derived;
    }

    /// <summary>Seals a data record at <paramref name="from"/>, checks its header, opens it at <paramref name="to"/>, and returns its ct.</summary>
    private static byte[] Exchange(SecureChannel from, SecureChannel to, byte[] body, uint generation, ulong seq)
    {
        var record = from.SealData(body);
        Assert.Equal((generation, seq), (record.Generation, record.Seq));
        Assert.Equal(from.SessionId.ToArray(), record.SessionId.ToArray());
        var opened = to.Open(record);
        Assert.Equal(RecordKind.Data, opened.Kind);
        Assert.Equal(body, opened.Body);
        return record.Ciphertext;
    }
}
