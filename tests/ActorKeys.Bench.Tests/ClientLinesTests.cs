namespace ActorKeys.Bench.Tests;

/// <summary>
/// The answer to <c>measure</c> carries a phase's figures from the client process to the bench: each one arrives in its
/// own field.
/// </summary>
public sealed class ClientLinesTests
{
    [Fact]
    public void A_measured_phase_arrives_field_for_field()
    {
        var sent = new PhaseResult(Count: 123_456, Seconds: 5.25, Failures: 7, new Percentiles(201.5, 280.25, 499.75, 4_321),
            ServerCpuSeconds: 1.5, ClientCpuSeconds: 2.75, ClientAllocatedBytes: 9_876_543_210);

        var received = ClientLines.ParseResult(ClientLines.Format(sent).Split(' '));

        // The warm-up and the server's bytes are the bench's own figures, added where it receives the answer.
        Assert.Equal(sent, received);
    }
}
