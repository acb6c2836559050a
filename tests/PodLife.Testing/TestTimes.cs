namespace PodLife.Testing;

/// <summary>A fixed reference instant for rule tests, so no test reads the real clock.</summary>
public static class TestTimes
{
    public static readonly DateTime T0 = new(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc);
}
