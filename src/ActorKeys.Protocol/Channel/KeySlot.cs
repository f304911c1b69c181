using System.Collections;

namespace ActorKeys.Protocol.Channel;

/// <summary>
/// For tests of zeroing (<see cref="SecureChannel.KeysForTests"/>): the place one key is kept, read afresh each time it is
/// enumerated, so that a slot taken before a rekey or a close shows what is left in that place after it.
/// </summary>
internal sealed class KeySlot(Func<byte[]> read) : IEnumerable<byte>
{
    public IEnumerator<byte> GetEnumerator() => ((IEnumerable<byte>)read()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "KeySlot(…)";
}
