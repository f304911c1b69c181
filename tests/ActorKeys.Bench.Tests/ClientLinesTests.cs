namespace ActorKeys.Bench.Tests;

/// <summary>
/// The answer to <c>measure</c> carries a phase's figures from the client process to the bench: each one arrives in its
/// own field, and the bench waits for it longer than the phase lasts.
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

    [Theory]
    [InlineData(1)]
    [InlineData(600)]
    [InlineData(3600)]
    public void The_answer_to_counting_a_phase_is_awaited_for_longer_than_the_phase(double seconds)
    {
        // Until stop 16 every answer was awaited for 300 s, so a phase of --seconds 600 ended in "did not answer".
        Assert.True(ChildBenchClients.MeasureTimeout(seconds) > TimeSpan.FromSeconds(seconds + 60));
    }
}
