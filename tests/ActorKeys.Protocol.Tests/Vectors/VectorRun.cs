using ActorKeys.Protocol.Channel;
using ActorKeys.Protocol.Crypto;
using ActorKeys.Protocol.Handshake;
using ActorKeys.Protocol.Keys;
using ActorKeys.Protocol.Tests.Support;

namespace ActorKeys.Protocol.Tests.Vectors;

/// <summary>
/// Runs one whole AK1 session through the real code from the vector inputs and returns every derived value:
/// the state machines (client, verifier, server, both channel ends) fed by scripted randomness, and for the
/// values no message carries (A, dh, th, record keys) the same public functions the state machines call.
/// This produced tests/vectors/ak1.json once; the vector test now checks the file against it.
/// </summary>
public static class VectorRun
{
    public static Dictionary<string, byte[]> Derive(VectorInputs input)
    {
        var derived = new Dictionary<string, byte[]>();
        using var master = new MasterSecret(input.MasterKey);
        derived["keyId"] = master.KeyId.ToArray();
        var accessKey = master.DeriveAccessKey(input.ClientId, input.Epoch);
        derived["accessKey"] = accessKey;
        derived["check"] = AccessKeys.Check(accessKey, input.ClientId, input.Epoch);

        using var credentials = new ClientCredentials(input.ClientId, input.Epoch, master.KeyId, accessKey);
        using var client = new ClientHandshake(credentials);
        var clientRandom = new ScriptedRandom(input.ClientEphemeralPrivate, input.ClientNonce);
        var hello = client.Start(input.TimeMs, clientRandom);
        clientRandom.AssertUsedUp();
        Assert.Equal(input.ClientNonce, hello.ClientNonce.Span);
        Assert.Equal(master.KeyId, hello.KeyId.Span);
        derived["clientEphemeralPublic"] = hello.ClientEphemeral.ToArray();
        derived["helloBody"] = Transcript.HelloBody(hello);
        derived["binder"] = hello.Binder.ToArray();

        var verdict = new HelloVerifier(master).Verify(hello, input.TimeMs);
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

        var (finish, clientChannel) = client.HandleChallenge(challenge);
        using var clientEnd = clientChannel;
        Assert.Equal(input.SessionId, finish.SessionId.Span);
        derived["confirmClient"] = finish.ConfirmClient.ToArray();
        using var serverEnd = server.HandleFinish(finish);

        var c2s = clientEnd.Seal(RecordKind.Data, input.PlaintextC2S);
        Assert.Equal(0UL, c2s.Seq);
        Assert.Equal(input.SessionId, c2s.SessionId.Span);
        derived["sealedC2S"] = c2s.Ciphertext;
        var openedC2S = serverEnd.Open(c2s);
        Assert.Equal(RecordKind.Data, openedC2S.Kind);
        Assert.Equal(input.PlaintextC2S, openedC2S.Body);

        var s2c = serverEnd.Seal(RecordKind.Data, input.PlaintextS2C);
        Assert.Equal(0UL, s2c.Seq);
        Assert.Equal(input.SessionId, s2c.SessionId.Span);
        derived["sealedS2C"] = s2c.Ciphertext;
        var openedS2C = clientEnd.Open(s2c);
        Assert.Equal(RecordKind.Data, openedS2C.Kind);
        Assert.Equal(input.PlaintextS2C, openedS2C.Body);

        // Values no message carries: the DH result both ways, th, and the secrets the state machines derived from them.
        var dh = Primitives.X25519(input.ServerEphemeralPrivate, hello.ClientEphemeral.Span);
        Assert.Equal(dh, Primitives.X25519(input.ClientEphemeralPrivate, challenge.ServerEphemeral.Span));
        derived["dh"] = dh;
        var th = Transcript.Hash(derived["helloBody"], hello.Binder.Span, challenge.SessionId.Span, challenge.ServerNonce.Span, challenge.ServerEphemeral.Span);
        derived["transcriptHash"] = th;
        using var secrets = Transcript.DeriveSecrets(accessKey, dh, th);
        derived["keyC2S"] = secrets.ClientToServer.ToArray();
        derived["keyS2C"] = secrets.ServerToClient.ToArray();
        Assert.Equal(secrets.ConfirmServer, challenge.ConfirmServer.Span);
        Assert.Equal(secrets.ConfirmClient, finish.ConfirmClient.Span);
        return derived;
    }
}
