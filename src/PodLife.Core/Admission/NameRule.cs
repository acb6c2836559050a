namespace PodLife.Core.Admission;

/// <summary>Validates an object name; <paramref name="prefix"/> is true for a generateName, which may end in '-'.</summary>
/// <returns>The messages describing what is wrong, none when the name is valid.</returns>
public delegate IReadOnlyList<string> NameRule(string name, bool prefix);
