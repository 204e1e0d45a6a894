using System.Reflection;
using Vectorized.Autoencoders.Models;
using Vectorized.Autoencoders.Tests.Data;

namespace Vectorized.Autoencoders.Tests.Architecture;

/// <summary>
/// The library's public surface, listed in tests/PublicApi/Vectorized.Autoencoders.txt: a change to
/// it fails here until the listing is updated in the same commit, so review sees every change.
/// </summary>
public class PublicApiTests
{
    private static string ListingPath => Path.Combine(RepositoryPaths.Root, "tests", "PublicApi", "Vectorized.Autoencoders.txt");

    [Fact]
    public void The_public_surface_matches_the_checked_in_listing()
    {
        var actual = Listing(typeof(Autoencoder).Assembly);
        var expected = File.ReadAllLines(ListingPath).Where(l => l.Length > 0).ToList();
        var added = actual.Except(expected).ToList();
        var removed = expected.Except(actual).ToList();
        if (added.Count + removed.Count > 0)
        {
            // The full listing next to the test binaries, to copy over the checked-in one once the change is meant.
            var written = Path.Combine(AppContext.BaseDirectory, "Vectorized.Autoencoders.PublicApi.txt");
            File.WriteAllLines(written, actual);
            Assert.Fail($"the public API changed (new listing: {written}):\n"
                + string.Join("\n", added.Select(l => "+ " + l).Concat(removed.Select(l => "- " + l))));
        }
    }

    [Fact]
    public void The_listing_sees_public_members_and_not_internal_ones()
    {
        var listing = Listing(typeof(Autoencoder).Assembly);
        Assert.Contains(listing, l => l.StartsWith("Vectorized.Autoencoders.Models.Autoencoder: ", StringComparison.Ordinal) && l.Contains("Save(System.String)", StringComparison.Ordinal));
        Assert.DoesNotContain(listing, l => l.StartsWith("Vectorized.Autoencoders.Models.ModelPass", StringComparison.Ordinal));
    }

    /// <summary>One line per public type and per public or protected member, sorted.</summary>
    internal static List<string> Listing(Assembly assembly)
    {
        const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            var bases = new[] { type.BaseType }.Concat(type.GetInterfaces())
                .Where(t => t is not null && t != typeof(object) && t != typeof(ValueType))
                .Select(t => Name(t!));
            lines.Add($"{Name(type)} {Kind(type)} : {string.Join(", ", bases)}");
            foreach (var member in type.GetMembers(declared))
            {
                if (IsVisible(member))
                {
                    lines.Add($"{Name(type)}: {member.MemberType} {member}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName || m is ConstructorInfo { IsPublic: true },
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => p.GetAccessors(nonPublic: false).Length > 0,
        EventInfo e => e.AddMethod is { IsPublic: true },
        Type t => t.IsNestedPublic,
        _ => false,
    };

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string Name(Type type) => type.FullName ?? type.Name;
}
