namespace ActorKeys.Actors.Client;

/// <summary>
/// The server nodes a <see cref="ClientSession"/> may use, and which one it uses now. It moves to the next node (round
/// robin, wrapping) after each failed handshake and after a lost session, and counts a <em>round</em>: every node tried
/// once since the round began. The client decides from the round what to do next (try the next node at once, wait its
/// reconnect backoff, or give up), so that a client whose every node is down does not spin.
/// </summary>
public sealed class ServerNodes
{
    private readonly string[] _nodes;
    private int _current;
    private int _roundStart;
    private int _failedInRound;
    private int _refusedInRound;

    /// <param name="nodes">Full Akka addresses, in their configured order; at least one.</param>
    /// <param name="first">The index of the node to try first (taken modulo the count).</param>
    public ServerNodes(IReadOnlyList<string> nodes, int first)
    {
        if (nodes.Count == 0)
        {
            throw new ArgumentException("A client needs at least one server node.", nameof(nodes));
        }
        // Akka prints some addresses with a trailing '/': a Hello is bound to the address without it.
        _nodes = nodes.Select(n => n.TrimEnd('/')).ToArray();
        _current = ((first % _nodes.Length) + _nodes.Length) % _nodes.Length;
        _roundStart = _current;
    }

    public int Count => _nodes.Length;

    /// <summary>The node in use: the one the next (or current) Hello goes to and is bound to.</summary>
    public string Current => _nodes[_current];

    /// <summary>The nodes tried in this round so far, in the order they were tried.</summary>
    public IReadOnlyList<string> TriedThisRound =>
        [.. Enumerable.Range(0, Math.Max(1, _failedInRound)).Select(i => _nodes[(_roundStart + i) % _nodes.Length])];

    /// <summary>True when the round ended with every node refusing the handshake (<see cref="Failed"/> with refused).</summary>
    public bool EveryNodeRefused => _refusedInRound >= _nodes.Length;

    /// <summary>
    /// The handshake with <see cref="Current"/> failed (<paramref name="refused"/>: the node answered with a final
    /// rejection, as opposed to silence or a passing refusal). Moves to the next node; true when that completed the round.
    /// </summary>
    public bool Failed(bool refused)
    {
        _failedInRound++;
        if (refused)
        {
            _refusedInRound++;
        }
        _current = (_current + 1) % _nodes.Length;
        return _failedInRound >= _nodes.Length;
    }

    /// <summary>A new round begins at <see cref="Current"/> (after a backoff, or after a session was established).</summary>
    public void StartRound()
    {
        _roundStart = _current;
        _failedInRound = 0;
        _refusedInRound = 0;
    }

    /// <summary>The session established with <see cref="Current"/> was lost: the next handshake goes to the next node.</summary>
    public void MoveOnAfterLoss()
    {
        _current = (_current + 1) % _nodes.Length;
        StartRound();
    }
}
