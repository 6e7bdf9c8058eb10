package dev.hearth.gateway; public class Main { public static void main(String[] a){} }
