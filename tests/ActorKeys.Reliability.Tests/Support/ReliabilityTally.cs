namespace ActorKeys.Reliability.Tests.Support;

/// <summary>
/// The counts every reliability run ends with, printed as one line, e.g.
/// <c>handshakes=1000 records=100000 faults=0 lost=0 duplicated=0 undecryptable=0 leaked-sessions=0</c>.
/// </summary>
public sealed class ReliabilityTally
{
    private long _handshakes, _records, _faults, _lost, _duplicated, _undecryptable, _leakedSessions;

    public long Handshakes => Interlocked.Read(ref _handshakes);
    public long Records => Interlocked.Read(ref _records);
    public long Faults => Interlocked.Read(ref _faults);
    public long Lost => Interlocked.Read(ref _lost);
    public long Duplicated => Interlocked.Read(ref _duplicated);
    public long Undecryptable => Interlocked.Read(ref _undecryptable);
    public long LeakedSessions => Interlocked.Read(ref _leakedSessions);

    public void Handshake() => Interlocked.Increment(ref _handshakes);
    public void Record() => Interlocked.Increment(ref _records);
    public void Fault() => Interlocked.Increment(ref _faults);
    public void LostRecord() => Interlocked.Increment(ref _lost);
    public void LostRecordsOf(long count) => Interlocked.Add(ref _lost, count);
    public void DuplicatedRecord() => Interlocked.Increment(ref _duplicated);
    public void UndecryptableRecord() => Interlocked.Increment(ref _undecryptable);
    public void LeakedSessionsFound(long count) => Interlocked.Add(ref _leakedSessions, count);

    public override string ToString() =>
        $"handshakes={Handshakes} records={Records} faults={Faults} lost={Lost} duplicated={Duplicated} " +
        $"undecryptable={Undecryptable} leaked-sessions={LeakedSessions}";

    /// <summary>Writes the summary line to the test output and asserts the invariants a run must keep.</summary>
    public void ReportAndAssert(Xunit.Abstractions.ITestOutputHelper output)
    {
        output.WriteLine(ToString());
        Assert.Equal(0, Lost);
        Assert.Equal(0, Duplicated);
        Assert.Equal(0, Undecryptable);
        Assert.Equal(0, LeakedSessions);
    }
}
