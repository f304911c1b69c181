namespace ActorKeys.Protocol.Tests.Wire;

/// <summary>
/// Field-by-field equality of AK1 messages. The records hold byte[], so their own equality compares
/// references and would call two identical decodes different.
/// </summary>
internal static class MessageAssert
{
    public static void Equal(IAk1Message expected, IAk1Message? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected, actual)
        {
            case (Hello e, Hello a):
                Assert.Equal(e.Version, a.Version);
                Assert.Equal(e.ClientId, a.ClientId, StringComparer.Ordinal);
                Assert.Equal(e.Epoch, a.Epoch);
                Assert.Equal(e.KeyId, a.KeyId);
                Assert.Equal(e.Server, a.Server, StringComparer.Ordinal);
                Assert.Equal(e.TimeMs, a.TimeMs);
                Assert.Equal(e.ClientNonce, a.ClientNonce);
                Assert.Equal(e.ClientEphemeral, a.ClientEphemeral);
                Assert.Equal(e.Binder, a.Binder);
                break;
            case (Challenge e, Challenge a):
                Assert.Equal(e.SessionId, a.SessionId);
                Assert.Equal(e.ServerNonce, a.ServerNonce);
                Assert.Equal(e.ServerEphemeral, a.ServerEphemeral);
                Assert.Equal(e.ConfirmServer, a.ConfirmServer);
                break;
            case (Finish e, Finish a):
                Assert.Equal(e.SessionId, a.SessionId);
                Assert.Equal(e.ConfirmClient, a.ConfirmClient);
                break;
            case (Rejected e, Rejected a):
                Assert.Equal(e.Reason, a.Reason);
                break;
            case (Rejected2 e, Rejected2 a):
                Assert.Equal(e.Reason, a.Reason);
                Assert.Equal(e.ClientNonce, a.ClientNonce);
                Assert.Equal(e.Proof, a.Proof);
                break;
            case (Sealed e, Sealed a):
                Assert.Equal(e.SessionId, a.SessionId);
                Assert.Equal(e.Generation, a.Generation);
                Assert.Equal(e.Seq, a.Seq);
                Assert.Equal(e.Ciphertext, a.Ciphertext);
                break;
            default:
                Assert.Fail($"Unexpected message type {expected.GetType().Name}.");
                break;
        }
    }
}
