// Who is voting at the board right now; kept while the facilitator moves between boards.
class Voting {
  voter = $state('');
}

export const voting = new Voting();
