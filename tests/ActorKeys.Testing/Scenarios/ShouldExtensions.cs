namespace ActorKeys.Testing;

/// <summary>Reads left to right in a chain of expectations: <c>probe.ExpectMsg&lt;T&gt;().Text.ShouldBe("ola")</c>.</summary>
public static class ShouldExtensions
{
    public static void ShouldBe<T>(this T actual, T expected) => Assert.Equal(expected, actual);
}
